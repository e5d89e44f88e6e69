-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateTable
CREATE TABLE "Person" (
    "id" TEXT COLLATE "C" NOT NULL,
    "affiliation" TEXT COLLATE "C" NOT NULL,
    "name" TEXT COLLATE "C" NOT NULL,
    "nameKana" TEXT COLLATE "C",
    "phone" TEXT COLLATE "C",
    "title" TEXT COLLATE "C",
    "canSupervise" BOOLEAN NOT NULL DEFAULT false,
    "isAdmin" BOOLEAN NOT NULL DEFAULT false,
    "isSecurityOfficer" BOOLEAN NOT NULL DEFAULT false,
    "idCardNumber" TEXT COLLATE "C",
    "idCardExpiresOn" TEXT COLLATE "C",
    "idCardReturnedOn" TEXT COLLATE "C",
    "active" BOOLEAN NOT NULL DEFAULT true,
    "workFrom" TEXT COLLATE "C",
    "workUntil" TEXT COLLATE "C",
    "deactivatedAt" TIMESTAMPTZ(3),
    "osUser" TEXT COLLATE "C",
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Person_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OperatorCredential" (
    "personId" TEXT COLLATE "C" NOT NULL,
    "hash" TEXT COLLATE "C" NOT NULL,
    "setAt" TIMESTAMPTZ(3) NOT NULL,
    "setBy" TEXT COLLATE "C" NOT NULL,

    CONSTRAINT "OperatorCredential_pkey" PRIMARY KEY ("personId")
);

-- CreateTable
CREATE TABLE "Training" (
    "id" SERIAL NOT NULL,
    "personId" TEXT COLLATE "C" NOT NULL,
    "scenario" TEXT COLLATE "C" NOT NULL,
    "scriptFile" TEXT COLLATE "C" NOT NULL,
    "startedAt" TIMESTAMPTZ(3) NOT NULL,
    "finishedAt" TIMESTAMPTZ(3) NOT NULL,
    "passed" BOOLEAN NOT NULL,
    "tasks" INTEGER NOT NULL,
    "tasksPassed" INTEGER NOT NULL,

    CONSTRAINT "Training_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ChatIdentity" (
    "id" SERIAL NOT NULL,
    "platform" TEXT COLLATE "C" NOT NULL,
    "externalId" TEXT COLLATE "C" NOT NULL,
    "personId" TEXT COLLATE "C" NOT NULL,

    CONSTRAINT "ChatIdentity_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ChatConversation" (
    "id" SERIAL NOT NULL,
    "platform" TEXT COLLATE "C" NOT NULL,
    "key" TEXT COLLATE "C" NOT NULL,
    "address" TEXT COLLATE "C" NOT NULL,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "ChatConversation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PersonPhoto" (
    "id" SERIAL NOT NULL,
    "personId" TEXT COLLATE "C" NOT NULL,
    "mime" TEXT COLLATE "C" NOT NULL,
    "data" TEXT COLLATE "C" NOT NULL,
    "sha256" TEXT COLLATE "C" NOT NULL,
    "byteSize" INTEGER NOT NULL,
    "width" INTEGER NOT NULL,
    "height" INTEGER NOT NULL,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "PersonPhoto_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DailyStaffing" (
    "id" SERIAL NOT NULL,
    "date" TEXT COLLATE "C" NOT NULL,
    "personId" TEXT COLLATE "C" NOT NULL,
    "onDuty" BOOLEAN NOT NULL DEFAULT true,
    "isSupervisor" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "DailyStaffing_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DefaultStaffing" (
    "personId" TEXT COLLATE "C" NOT NULL,
    "isSupervisor" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "DefaultStaffing_pkey" PRIMARY KEY ("personId")
);

-- CreateTable
CREATE TABLE "AfterHoursRosterEntry" (
    "id" SERIAL NOT NULL,
    "validFrom" TEXT COLLATE "C" NOT NULL,
    "validTo" TEXT COLLATE "C",
    "position" INTEGER NOT NULL,
    "personId" TEXT COLLATE "C" NOT NULL,

    CONSTRAINT "AfterHoursRosterEntry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AfterHoursOverride" (
    "id" SERIAL NOT NULL,
    "date" TEXT COLLATE "C" NOT NULL,
    "personId" TEXT COLLATE "C" NOT NULL,
    "replacesPersonId" TEXT COLLATE "C",
    "note" TEXT COLLATE "C",
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sourceEventId" INTEGER,

    CONSTRAINT "AfterHoursOverride_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ContactChartLevel" (
    "id" SERIAL NOT NULL,
    "chart" TEXT COLLATE "C" NOT NULL DEFAULT 'doubt',
    "position" INTEGER NOT NULL,
    "target" TEXT COLLATE "C" NOT NULL,
    "personId" TEXT COLLATE "C",
    "ackTimeoutMinutes" INTEGER NOT NULL DEFAULT 10,

    CONSTRAINT "ContactChartLevel_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ContractorDetails" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "name" TEXT COLLATE "C" NOT NULL,
    "representativeTitle" TEXT COLLATE "C" NOT NULL,
    "representativeName" TEXT COLLATE "C" NOT NULL,
    "address" TEXT COLLATE "C" NOT NULL,
    "phone" TEXT COLLATE "C",
    "contractNumber" TEXT COLLATE "C",
    "contractName" TEXT COLLATE "C",
    "priceOpen" INTEGER,
    "priceClose" INTEGER,
    "priceTransfer" INTEGER,
    "priceMeterInstall" INTEGER,
    "priceMeterReplace" INTEGER,
    "priceMeterRemove" INTEGER,
    "taxRatePercent" INTEGER NOT NULL DEFAULT 10,

    CONSTRAINT "ContractorDetails_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WorkPlace" (
    "position" INTEGER NOT NULL,
    "name" TEXT COLLATE "C" NOT NULL,
    "address" TEXT COLLATE "C" NOT NULL,
    "purpose" TEXT COLLATE "C" NOT NULL,
    "storage" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "WorkPlace_pkey" PRIMARY KEY ("position")
);

-- CreateTable
CREATE TABLE "SupplySettings" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "lowStock" TEXT COLLATE "C" NOT NULL,

    CONSTRAINT "SupplySettings_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WorkOrder" (
    "id" SERIAL NOT NULL,
    "orderNo" TEXT COLLATE "C" NOT NULL,
    "kind" TEXT COLLATE "C" NOT NULL,
    "scheduledDate" TEXT COLLATE "C" NOT NULL,
    "customerNumber" TEXT COLLATE "C",
    "customerNumberIndex" TEXT COLLATE "C",
    "customerName" TEXT COLLATE "C",
    "customerNameKana" TEXT COLLATE "C",
    "address" TEXT COLLATE "C" NOT NULL,
    "addressIndex" TEXT COLLATE "C",
    "town" TEXT COLLATE "C" NOT NULL,
    "mapSheet" TEXT COLLATE "C",
    "tapNumber" TEXT COLLATE "C",
    "meterNumber" TEXT COLLATE "C",
    "diameterMm" INTEGER,
    "previousReading" INTEGER,
    "previousUsage" INTEGER,
    "meterWork" TEXT COLLATE "C",
    "phone" TEXT COLLATE "C",
    "remarks" TEXT COLLATE "C",
    "latitude" DOUBLE PRECISION,
    "longitude" DOUBLE PRECISION,
    "extra" TEXT COLLATE "C",
    "contentHash" TEXT COLLATE "C" NOT NULL,
    "status" TEXT COLLATE "C" NOT NULL DEFAULT 'open',
    "carriedSince" TEXT COLLATE "C",
    "importedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "WorkOrder_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Assignment" (
    "id" SERIAL NOT NULL,
    "workOrderId" INTEGER NOT NULL,
    "personId" TEXT COLLATE "C" NOT NULL,
    "date" TEXT COLLATE "C" NOT NULL,
    "visitOrder" INTEGER NOT NULL,
    "pinned" BOOLEAN NOT NULL DEFAULT false,
    "assignedBy" TEXT COLLATE "C",
    "assignedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "movedByEventId" INTEGER,
    "movedFromId" TEXT COLLATE "C",

    CONSTRAINT "Assignment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TaskResult" (
    "id" SERIAL NOT NULL,
    "workOrderId" INTEGER NOT NULL,
    "personId" TEXT COLLATE "C" NOT NULL,
    "outcome" TEXT COLLATE "C" NOT NULL,
    "notDoneReason" TEXT COLLATE "C",
    "reading" INTEGER,
    "readingConfirmed" BOOLEAN NOT NULL DEFAULT false,
    "customerPresent" BOOLEAN,
    "customerConsent" BOOLEAN,
    "meterWorkDone" TEXT COLLATE "C",
    "meterNumber" TEXT COLLATE "C",
    "meterDiameterMm" INTEGER,
    "meterDiffersFromRecord" BOOLEAN NOT NULL DEFAULT false,
    "valvePinReplaced" BOOLEAN,
    "sealFitted" BOOLEAN,
    "valveFoundClosed" BOOLEAN,
    "pilotChecked" BOOLEAN,
    "pilotStillTurning" BOOLEAN,
    "valveClosedForPilot" BOOLEAN,
    "noticeSlipLeft" BOOLEAN,
    "phoneContacted" BOOLEAN,
    "phoneContactOutcome" TEXT COLLATE "C",
    "outdoorTap" TEXT COLLATE "C",
    "readingLowerThanPrevious" BOOLEAN NOT NULL DEFAULT false,
    "usageFarAbovePrevious" BOOLEAN NOT NULL DEFAULT false,
    "readingDiffersFromPrevious" BOOLEAN NOT NULL DEFAULT false,
    "readingDifferenceNote" TEXT COLLATE "C",
    "leakSuspected" BOOLEAN NOT NULL DEFAULT false,
    "equipmentDefect" BOOLEAN NOT NULL DEFAULT false,
    "customerToldOfDefect" BOOLEAN,
    "improperUse" BOOLEAN NOT NULL DEFAULT false,
    "improperUseNotified" BOOLEAN,
    "afterHours" BOOLEAN NOT NULL DEFAULT false,
    "afterHoursConsentId" INTEGER,
    "note" TEXT COLLATE "C",
    "channel" TEXT COLLATE "C" NOT NULL,
    "recordedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,
    "sourceEventId" INTEGER,
    "valvePinCount" INTEGER,
    "copperWireCount" INTEGER,
    "sealCount" INTEGER,

    CONSTRAINT "TaskResult_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ResultCorrection" (
    "id" SERIAL NOT NULL,
    "resultId" INTEGER NOT NULL,
    "date" TEXT COLLATE "C" NOT NULL,
    "personId" TEXT COLLATE "C" NOT NULL,
    "role" TEXT COLLATE "C" NOT NULL,
    "channel" TEXT COLLATE "C" NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,
    "changes" TEXT COLLATE "C" NOT NULL,
    "amendsReport" BOOLEAN NOT NULL DEFAULT false,
    "sourceEventId" INTEGER,

    CONSTRAINT "ResultCorrection_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PendingReply" (
    "id" SERIAL NOT NULL,
    "personId" TEXT COLLATE "C" NOT NULL,
    "workOrderId" INTEGER,
    "step" TEXT COLLATE "C" NOT NULL,
    "draft" TEXT COLLATE "C" NOT NULL,
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sourceEventId" INTEGER,
    "askedAfterEventId" INTEGER,
    "said" TEXT COLLATE "C",

    CONSTRAINT "PendingReply_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Attachment" (
    "id" SERIAL NOT NULL,
    "resultId" INTEGER,
    "doubtId" INTEGER,
    "incidentId" INTEGER,
    "platform" TEXT COLLATE "C" NOT NULL,
    "fileRef" TEXT COLLATE "C" NOT NULL,
    "fileName" TEXT COLLATE "C",
    "mimeType" TEXT COLLATE "C",
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Attachment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MeterMovement" (
    "id" SERIAL NOT NULL,
    "resultId" INTEGER,
    "date" TEXT COLLATE "C" NOT NULL,
    "kind" TEXT COLLATE "C" NOT NULL,
    "meterNumber" TEXT COLLATE "C",
    "diameterMm" INTEGER NOT NULL,

    CONSTRAINT "MeterMovement_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ConsumableUse" (
    "id" SERIAL NOT NULL,
    "resultId" INTEGER,
    "personId" TEXT COLLATE "C" NOT NULL,
    "date" TEXT COLLATE "C" NOT NULL,
    "item" TEXT COLLATE "C" NOT NULL,
    "quantity" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "ConsumableUse_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SupplyReceipt" (
    "id" SERIAL NOT NULL,
    "date" TEXT COLLATE "C" NOT NULL,
    "item" TEXT COLLATE "C" NOT NULL,
    "diameterMm" INTEGER NOT NULL DEFAULT 0,
    "quantity" INTEGER NOT NULL,
    "personId" TEXT COLLATE "C" NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,
    "sourceEventId" INTEGER,

    CONSTRAINT "SupplyReceipt_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "StockLevelState" (
    "item" TEXT COLLATE "C" NOT NULL,
    "diameterMm" INTEGER NOT NULL DEFAULT 0,
    "low" BOOLEAN NOT NULL,
    "changedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "StockLevelState_pkey" PRIMARY KEY ("item","diameterMm")
);

-- CreateTable
CREATE TABLE "ParkingFee" (
    "id" SERIAL NOT NULL,
    "date" TEXT COLLATE "C" NOT NULL,
    "personId" TEXT COLLATE "C" NOT NULL,
    "workOrderId" INTEGER,
    "amountYen" INTEGER NOT NULL,
    "note" TEXT COLLATE "C",
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sourceEventId" INTEGER,

    CONSTRAINT "ParkingFee_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "HandoverNote" (
    "id" SERIAL NOT NULL,
    "date" TEXT COLLATE "C" NOT NULL,
    "personId" TEXT COLLATE "C" NOT NULL,
    "workOrderId" INTEGER,
    "text" TEXT COLLATE "C" NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sourceEventId" INTEGER,

    CONSTRAINT "HandoverNote_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DayEndConfirmation" (
    "id" SERIAL NOT NULL,
    "date" TEXT COLLATE "C" NOT NULL,
    "personId" TEXT COLLATE "C" NOT NULL,
    "confirmedAt" TIMESTAMPTZ(3) NOT NULL,
    "channel" TEXT COLLATE "C" NOT NULL,
    "sourceEventId" INTEGER,

    CONSTRAINT "DayEndConfirmation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Doubt" (
    "id" SERIAL NOT NULL,
    "workOrderId" INTEGER,
    "raisedById" TEXT COLLATE "C" NOT NULL,
    "text" TEXT COLLATE "C" NOT NULL,
    "state" TEXT COLLATE "C" NOT NULL DEFAULT 'open',
    "chainSnapshot" TEXT COLLATE "C" NOT NULL,
    "currentLevel" INTEGER NOT NULL DEFAULT 0,
    "holderId" TEXT COLLATE "C",
    "answer" TEXT COLLATE "C",
    "answeredById" TEXT COLLATE "C",
    "answerEventId" INTEGER,
    "raisedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "acknowledgedAt" TIMESTAMPTZ(3),
    "resolvedAt" TIMESTAMPTZ(3),
    "resolvedById" TEXT COLLATE "C",
    "levelNotifiedAt" TIMESTAMPTZ(3),
    "bureauContactId" TEXT COLLATE "C",
    "bureauAcknowledgedAt" TIMESTAMPTZ(3),
    "sourceEventId" INTEGER,

    CONSTRAINT "Doubt_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Incident" (
    "id" SERIAL NOT NULL,
    "reportedById" TEXT COLLATE "C" NOT NULL,
    "workOrderId" INTEGER,
    "description" TEXT COLLATE "C" NOT NULL,
    "place" TEXT COLLATE "C",
    "thirdPartyDamage" BOOLEAN,
    "state" TEXT COLLATE "C" NOT NULL DEFAULT 'open',
    "occurredAt" TIMESTAMPTZ(3) NOT NULL,
    "resolvedAt" TIMESTAMPTZ(3),
    "resolvedById" TEXT COLLATE "C",
    "resolution" TEXT COLLATE "C",
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sourceEventId" INTEGER,
    "kind" TEXT COLLATE "C" NOT NULL DEFAULT 'accident',
    "terminal" TEXT COLLATE "C",
    "customerData" BOOLEAN,
    "locked" BOOLEAN,

    CONSTRAINT "Incident_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "IncidentAck" (
    "id" SERIAL NOT NULL,
    "incidentId" INTEGER NOT NULL,
    "personId" TEXT COLLATE "C" NOT NULL,
    "notifiedAt" TIMESTAMPTZ(3) NOT NULL,
    "acknowledgedAt" TIMESTAMPTZ(3),

    CONSTRAINT "IncidentAck_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Complaint" (
    "id" SERIAL NOT NULL,
    "kind" TEXT COLLATE "C" NOT NULL,
    "via" TEXT COLLATE "C" NOT NULL,
    "receivedAt" TIMESTAMPTZ(3) NOT NULL,
    "address" TEXT COLLATE "C",
    "customerNumber" TEXT COLLATE "C",
    "customerNumberIndex" TEXT COLLATE "C",
    "description" TEXT COLLATE "C" NOT NULL,
    "workOrderId" INTEGER,
    "state" TEXT COLLATE "C" NOT NULL DEFAULT 'open',
    "holderId" TEXT COLLATE "C",
    "acknowledgedAt" TIMESTAMPTZ(3),
    "resolvedAt" TIMESTAMPTZ(3),
    "findings" TEXT COLLATE "C",
    "actionTaken" TEXT COLLATE "C",
    "resolvedById" TEXT COLLATE "C",
    "externalId" TEXT COLLATE "C",
    "pagingNight" TEXT COLLATE "C",
    "sourceEventId" INTEGER,

    CONSTRAINT "Complaint_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Page" (
    "id" SERIAL NOT NULL,
    "complaintId" INTEGER NOT NULL,
    "personId" TEXT COLLATE "C" NOT NULL,
    "round" INTEGER NOT NULL,
    "position" INTEGER NOT NULL,
    "sentAt" TIMESTAMPTZ(3) NOT NULL,
    "outcome" TEXT COLLATE "C" NOT NULL DEFAULT 'sent',
    "acknowledgedAt" TIMESTAMPTZ(3),

    CONSTRAINT "Page_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OvertimeRequest" (
    "id" SERIAL NOT NULL,
    "date" TEXT COLLATE "C" NOT NULL,
    "requestedById" TEXT COLLATE "C" NOT NULL,
    "orderNos" TEXT COLLATE "C" NOT NULL,
    "reason" TEXT COLLATE "C" NOT NULL,
    "until" TEXT COLLATE "C" NOT NULL,
    "state" TEXT COLLATE "C" NOT NULL DEFAULT 'pending',
    "decidedById" TEXT COLLATE "C",
    "decidedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sourceEventId" INTEGER,

    CONSTRAINT "OvertimeRequest_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CaseEvent" (
    "id" SERIAL NOT NULL,
    "caseType" TEXT COLLATE "C" NOT NULL,
    "caseId" INTEGER NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,
    "actorId" TEXT COLLATE "C",
    "action" TEXT COLLATE "C" NOT NULL,
    "detail" TEXT COLLATE "C",
    "sourceEventId" INTEGER,

    CONSTRAINT "CaseEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Report" (
    "id" SERIAL NOT NULL,
    "kind" TEXT COLLATE "C" NOT NULL,
    "period" TEXT COLLATE "C" NOT NULL,
    "state" TEXT COLLATE "C" NOT NULL DEFAULT 'draft',
    "content" TEXT COLLATE "C" NOT NULL,
    "pdf" BYTEA,
    "approvedById" TEXT COLLATE "C",
    "approvedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Report_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DurableTimer" (
    "id" SERIAL NOT NULL,
    "kind" TEXT COLLATE "C" NOT NULL,
    "dueAt" TIMESTAMPTZ(3) NOT NULL,
    "payload" TEXT COLLATE "C" NOT NULL,
    "state" TEXT COLLATE "C" NOT NULL DEFAULT 'pending',
    "dedupeKey" TEXT COLLATE "C",
    "claimedBy" TEXT COLLATE "C",
    "claimedAt" TIMESTAMPTZ(3),
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT COLLATE "C",
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DurableTimer_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "JobRun" (
    "key" TEXT COLLATE "C" NOT NULL,
    "instanceId" TEXT COLLATE "C" NOT NULL,
    "startedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "JobRun_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "OrderNotice" (
    "id" SERIAL NOT NULL,
    "workOrderId" INTEGER NOT NULL,
    "version" TEXT COLLATE "C" NOT NULL,
    "kind" TEXT COLLATE "C" NOT NULL,
    "instanceId" TEXT COLLATE "C" NOT NULL,
    "claimedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "OrderNotice_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PollerMark" (
    "name" TEXT COLLATE "C" NOT NULL,
    "mark" TIMESTAMPTZ(3) NOT NULL,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "PollerMark_pkey" PRIMARY KEY ("name")
);

-- CreateTable
CREATE TABLE "InboundEvent" (
    "id" SERIAL NOT NULL,
    "platform" TEXT COLLATE "C" NOT NULL,
    "eventKey" TEXT COLLATE "C" NOT NULL,
    "payload" TEXT COLLATE "C" NOT NULL,
    "state" TEXT COLLATE "C" NOT NULL DEFAULT 'received',
    "receivedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "processedAt" TIMESTAMPTZ(3),
    "error" TEXT COLLATE "C",
    "orderKey" TEXT COLLATE "C" NOT NULL DEFAULT '',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "claimedBy" TEXT COLLATE "C",
    "leaseUntil" TIMESTAMPTZ(3),

    CONSTRAINT "InboundEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Delivery" (
    "id" SERIAL NOT NULL,
    "dedupeKey" TEXT COLLATE "C" NOT NULL,
    "platform" TEXT COLLATE "C" NOT NULL DEFAULT '',
    "recipient" TEXT COLLATE "C" NOT NULL,
    "view" TEXT COLLATE "C" NOT NULL,
    "logicalKey" TEXT COLLATE "C",
    "targetKey" TEXT COLLATE "C" NOT NULL DEFAULT '',
    "state" TEXT COLLATE "C" NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "claimedBy" TEXT COLLATE "C",
    "leaseUntil" TIMESTAMPTZ(3),
    "claimedAt" TIMESTAMPTZ(3),
    "lastError" TEXT COLLATE "C",
    "jobKey" TEXT COLLATE "C",
    "expiresAt" TIMESTAMPTZ(3),
    "alertedAt" TIMESTAMPTZ(3),
    "messageRef" TEXT COLLATE "C",
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sentAt" TIMESTAMPTZ(3),

    CONSTRAINT "Delivery_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OutboundMessage" (
    "id" SERIAL NOT NULL,
    "platform" TEXT COLLATE "C" NOT NULL,
    "logicalKey" TEXT COLLATE "C" NOT NULL,
    "channel" TEXT COLLATE "C" NOT NULL,
    "messageRef" TEXT COLLATE "C" NOT NULL,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "OutboundMessage_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditLog" (
    "id" SERIAL NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actorId" TEXT COLLATE "C",
    "channel" TEXT COLLATE "C" NOT NULL,
    "action" TEXT COLLATE "C" NOT NULL,
    "entity" TEXT COLLATE "C" NOT NULL,
    "entityId" TEXT COLLATE "C",
    "before" TEXT COLLATE "C",
    "after" TEXT COLLATE "C",
    "prevHash" TEXT COLLATE "C",
    "hash" TEXT COLLATE "C",
    "keyId" TEXT COLLATE "C",
    "seal" TEXT COLLATE "C",

    CONSTRAINT "AuditLog_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditChainHead" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "lastId" INTEGER NOT NULL,
    "hash" TEXT COLLATE "C" NOT NULL,
    "keyId" TEXT COLLATE "C" NOT NULL,
    "seal" TEXT COLLATE "C" NOT NULL,

    CONSTRAINT "AuditChainHead_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditChainStart" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "startHash" TEXT COLLATE "C" NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,
    "keyId" TEXT COLLATE "C" NOT NULL,
    "seal" TEXT COLLATE "C" NOT NULL,

    CONSTRAINT "AuditChainStart_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditPurgeGate" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "before" TIMESTAMPTZ(3),

    CONSTRAINT "AuditPurgeGate_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Training_personId_finishedAt_idx" ON "Training"("personId", "finishedAt");

-- CreateIndex
CREATE UNIQUE INDEX "ChatIdentity_platform_externalId_key" ON "ChatIdentity"("platform", "externalId");

-- CreateIndex
CREATE UNIQUE INDEX "ChatIdentity_platform_personId_key" ON "ChatIdentity"("platform", "personId");

-- CreateIndex
CREATE UNIQUE INDEX "ChatConversation_platform_key_key" ON "ChatConversation"("platform", "key");

-- CreateIndex
CREATE UNIQUE INDEX "PersonPhoto_personId_key" ON "PersonPhoto"("personId");

-- CreateIndex
CREATE INDEX "DailyStaffing_date_idx" ON "DailyStaffing"("date");

-- CreateIndex
CREATE UNIQUE INDEX "DailyStaffing_date_personId_key" ON "DailyStaffing"("date", "personId");

-- CreateIndex
CREATE INDEX "AfterHoursRosterEntry_validFrom_idx" ON "AfterHoursRosterEntry"("validFrom");

-- CreateIndex
CREATE UNIQUE INDEX "AfterHoursOverride_sourceEventId_key" ON "AfterHoursOverride"("sourceEventId");

-- CreateIndex
CREATE INDEX "AfterHoursOverride_date_idx" ON "AfterHoursOverride"("date");

-- CreateIndex
CREATE UNIQUE INDEX "ContactChartLevel_chart_position_key" ON "ContactChartLevel"("chart", "position");

-- CreateIndex
CREATE UNIQUE INDEX "WorkOrder_orderNo_key" ON "WorkOrder"("orderNo");

-- CreateIndex
CREATE INDEX "WorkOrder_scheduledDate_idx" ON "WorkOrder"("scheduledDate");

-- CreateIndex
CREATE INDEX "WorkOrder_addressIndex_idx" ON "WorkOrder"("addressIndex");

-- CreateIndex
CREATE INDEX "WorkOrder_customerNumberIndex_idx" ON "WorkOrder"("customerNumberIndex");

-- CreateIndex
CREATE UNIQUE INDEX "Assignment_workOrderId_key" ON "Assignment"("workOrderId");

-- CreateIndex
CREATE UNIQUE INDEX "Assignment_movedByEventId_key" ON "Assignment"("movedByEventId");

-- CreateIndex
CREATE INDEX "Assignment_date_personId_idx" ON "Assignment"("date", "personId");

-- CreateIndex
CREATE UNIQUE INDEX "TaskResult_workOrderId_key" ON "TaskResult"("workOrderId");

-- CreateIndex
CREATE UNIQUE INDEX "TaskResult_sourceEventId_key" ON "TaskResult"("sourceEventId");

-- CreateIndex
CREATE UNIQUE INDEX "ResultCorrection_sourceEventId_key" ON "ResultCorrection"("sourceEventId");

-- CreateIndex
CREATE INDEX "ResultCorrection_date_idx" ON "ResultCorrection"("date");

-- CreateIndex
CREATE UNIQUE INDEX "PendingReply_personId_key" ON "PendingReply"("personId");

-- CreateIndex
CREATE INDEX "Attachment_resultId_idx" ON "Attachment"("resultId");

-- CreateIndex
CREATE INDEX "Attachment_doubtId_idx" ON "Attachment"("doubtId");

-- CreateIndex
CREATE INDEX "Attachment_incidentId_idx" ON "Attachment"("incidentId");

-- CreateIndex
CREATE INDEX "MeterMovement_date_idx" ON "MeterMovement"("date");

-- CreateIndex
CREATE INDEX "ConsumableUse_date_idx" ON "ConsumableUse"("date");

-- CreateIndex
CREATE UNIQUE INDEX "SupplyReceipt_sourceEventId_key" ON "SupplyReceipt"("sourceEventId");

-- CreateIndex
CREATE INDEX "SupplyReceipt_date_idx" ON "SupplyReceipt"("date");

-- CreateIndex
CREATE UNIQUE INDEX "ParkingFee_sourceEventId_key" ON "ParkingFee"("sourceEventId");

-- CreateIndex
CREATE INDEX "ParkingFee_date_idx" ON "ParkingFee"("date");

-- CreateIndex
CREATE UNIQUE INDEX "HandoverNote_sourceEventId_key" ON "HandoverNote"("sourceEventId");

-- CreateIndex
CREATE INDEX "HandoverNote_date_idx" ON "HandoverNote"("date");

-- CreateIndex
CREATE UNIQUE INDEX "DayEndConfirmation_date_personId_key" ON "DayEndConfirmation"("date", "personId");

-- CreateIndex
CREATE UNIQUE INDEX "Doubt_sourceEventId_key" ON "Doubt"("sourceEventId");

-- CreateIndex
CREATE INDEX "Doubt_state_idx" ON "Doubt"("state");

-- CreateIndex
CREATE UNIQUE INDEX "Incident_sourceEventId_key" ON "Incident"("sourceEventId");

-- CreateIndex
CREATE UNIQUE INDEX "IncidentAck_incidentId_personId_key" ON "IncidentAck"("incidentId", "personId");

-- CreateIndex
CREATE UNIQUE INDEX "Complaint_externalId_key" ON "Complaint"("externalId");

-- CreateIndex
CREATE UNIQUE INDEX "Complaint_sourceEventId_key" ON "Complaint"("sourceEventId");

-- CreateIndex
CREATE INDEX "Complaint_receivedAt_idx" ON "Complaint"("receivedAt");

-- CreateIndex
CREATE INDEX "Complaint_customerNumberIndex_idx" ON "Complaint"("customerNumberIndex");

-- CreateIndex
CREATE INDEX "Page_complaintId_idx" ON "Page"("complaintId");

-- CreateIndex
CREATE UNIQUE INDEX "Page_complaintId_round_position_key" ON "Page"("complaintId", "round", "position");

-- CreateIndex
CREATE UNIQUE INDEX "OvertimeRequest_sourceEventId_key" ON "OvertimeRequest"("sourceEventId");

-- CreateIndex
CREATE INDEX "OvertimeRequest_date_idx" ON "OvertimeRequest"("date");

-- CreateIndex
CREATE INDEX "CaseEvent_caseType_caseId_idx" ON "CaseEvent"("caseType", "caseId");

-- CreateIndex
CREATE INDEX "CaseEvent_sourceEventId_idx" ON "CaseEvent"("sourceEventId");

-- CreateIndex
CREATE UNIQUE INDEX "Report_kind_period_key" ON "Report"("kind", "period");

-- CreateIndex
CREATE UNIQUE INDEX "DurableTimer_dedupeKey_key" ON "DurableTimer"("dedupeKey");

-- CreateIndex
CREATE INDEX "DurableTimer_state_dueAt_idx" ON "DurableTimer"("state", "dueAt");

-- CreateIndex
CREATE UNIQUE INDEX "OrderNotice_workOrderId_version_key" ON "OrderNotice"("workOrderId", "version");

-- CreateIndex
CREATE INDEX "InboundEvent_state_idx" ON "InboundEvent"("state");

-- CreateIndex
CREATE INDEX "InboundEvent_orderKey_state_idx" ON "InboundEvent"("orderKey", "state");

-- CreateIndex
CREATE UNIQUE INDEX "InboundEvent_platform_eventKey_key" ON "InboundEvent"("platform", "eventKey");

-- CreateIndex
CREATE UNIQUE INDEX "Delivery_dedupeKey_key" ON "Delivery"("dedupeKey");

-- CreateIndex
CREATE INDEX "Delivery_state_nextAttemptAt_idx" ON "Delivery"("state", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "Delivery_jobKey_idx" ON "Delivery"("jobKey");

-- CreateIndex
CREATE INDEX "Delivery_logicalKey_state_idx" ON "Delivery"("logicalKey", "state");

-- CreateIndex
CREATE INDEX "Delivery_targetKey_state_idx" ON "Delivery"("targetKey", "state");

-- CreateIndex
CREATE UNIQUE INDEX "OutboundMessage_platform_logicalKey_key" ON "OutboundMessage"("platform", "logicalKey");

-- CreateIndex
CREATE INDEX "AuditLog_at_idx" ON "AuditLog"("at");

-- AddForeignKey
ALTER TABLE "Training" ADD CONSTRAINT "Training_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ChatIdentity" ADD CONSTRAINT "ChatIdentity_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DailyStaffing" ADD CONSTRAINT "DailyStaffing_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DefaultStaffing" ADD CONSTRAINT "DefaultStaffing_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AfterHoursRosterEntry" ADD CONSTRAINT "AfterHoursRosterEntry_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AfterHoursOverride" ADD CONSTRAINT "AfterHoursOverride_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ContactChartLevel" ADD CONSTRAINT "ContactChartLevel_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Assignment" ADD CONSTRAINT "Assignment_workOrderId_fkey" FOREIGN KEY ("workOrderId") REFERENCES "WorkOrder"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Assignment" ADD CONSTRAINT "Assignment_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TaskResult" ADD CONSTRAINT "TaskResult_workOrderId_fkey" FOREIGN KEY ("workOrderId") REFERENCES "WorkOrder"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TaskResult" ADD CONSTRAINT "TaskResult_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ResultCorrection" ADD CONSTRAINT "ResultCorrection_resultId_fkey" FOREIGN KEY ("resultId") REFERENCES "TaskResult"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Attachment" ADD CONSTRAINT "Attachment_resultId_fkey" FOREIGN KEY ("resultId") REFERENCES "TaskResult"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Attachment" ADD CONSTRAINT "Attachment_doubtId_fkey" FOREIGN KEY ("doubtId") REFERENCES "Doubt"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Attachment" ADD CONSTRAINT "Attachment_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "Incident"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MeterMovement" ADD CONSTRAINT "MeterMovement_resultId_fkey" FOREIGN KEY ("resultId") REFERENCES "TaskResult"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ConsumableUse" ADD CONSTRAINT "ConsumableUse_resultId_fkey" FOREIGN KEY ("resultId") REFERENCES "TaskResult"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ConsumableUse" ADD CONSTRAINT "ConsumableUse_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ParkingFee" ADD CONSTRAINT "ParkingFee_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ParkingFee" ADD CONSTRAINT "ParkingFee_workOrderId_fkey" FOREIGN KEY ("workOrderId") REFERENCES "WorkOrder"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "HandoverNote" ADD CONSTRAINT "HandoverNote_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "HandoverNote" ADD CONSTRAINT "HandoverNote_workOrderId_fkey" FOREIGN KEY ("workOrderId") REFERENCES "WorkOrder"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Doubt" ADD CONSTRAINT "Doubt_workOrderId_fkey" FOREIGN KEY ("workOrderId") REFERENCES "WorkOrder"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IncidentAck" ADD CONSTRAINT "IncidentAck_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "Incident"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Page" ADD CONSTRAINT "Page_complaintId_fkey" FOREIGN KEY ("complaintId") REFERENCES "Complaint"("id") ON DELETE CASCADE ON UPDATE CASCADE;

