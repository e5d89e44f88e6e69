-- CreateTable
CREATE TABLE "Person" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "affiliation" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "nameKana" TEXT,
    "phone" TEXT,
    "title" TEXT,
    "canSupervise" BOOLEAN NOT NULL DEFAULT false,
    "isAdmin" BOOLEAN NOT NULL DEFAULT false,
    "isSecurityOfficer" BOOLEAN NOT NULL DEFAULT false,
    "idCardNumber" TEXT,
    "idCardExpiresOn" TEXT,
    "idCardReturnedOn" TEXT,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "workFrom" TEXT,
    "workUntil" TEXT,
    "deactivatedAt" DATETIME,
    "osUser" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "OperatorCredential" (
    "personId" TEXT NOT NULL PRIMARY KEY,
    "hash" TEXT NOT NULL,
    "setAt" DATETIME NOT NULL,
    "setBy" TEXT NOT NULL
);

-- CreateTable
CREATE TABLE "Training" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "personId" TEXT NOT NULL,
    "scenario" TEXT NOT NULL,
    "scriptFile" TEXT NOT NULL,
    "startedAt" DATETIME NOT NULL,
    "finishedAt" DATETIME NOT NULL,
    "passed" BOOLEAN NOT NULL,
    "tasks" INTEGER NOT NULL,
    "tasksPassed" INTEGER NOT NULL,
    CONSTRAINT "Training_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ChatIdentity" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "platform" TEXT NOT NULL,
    "externalId" TEXT NOT NULL,
    "personId" TEXT NOT NULL,
    CONSTRAINT "ChatIdentity_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ChatConversation" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "platform" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "address" TEXT NOT NULL,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "PersonPhoto" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "personId" TEXT NOT NULL,
    "mime" TEXT NOT NULL,
    "data" TEXT NOT NULL,
    "sha256" TEXT NOT NULL,
    "byteSize" INTEGER NOT NULL,
    "width" INTEGER NOT NULL,
    "height" INTEGER NOT NULL,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "DailyStaffing" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "date" TEXT NOT NULL,
    "personId" TEXT NOT NULL,
    "onDuty" BOOLEAN NOT NULL DEFAULT true,
    "isSupervisor" BOOLEAN NOT NULL DEFAULT false,
    CONSTRAINT "DailyStaffing_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "DefaultStaffing" (
    "personId" TEXT NOT NULL PRIMARY KEY,
    "isSupervisor" BOOLEAN NOT NULL DEFAULT false,
    CONSTRAINT "DefaultStaffing_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AfterHoursRosterEntry" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "validFrom" TEXT NOT NULL,
    "validTo" TEXT,
    "position" INTEGER NOT NULL,
    "personId" TEXT NOT NULL,
    CONSTRAINT "AfterHoursRosterEntry_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AfterHoursOverride" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "date" TEXT NOT NULL,
    "personId" TEXT NOT NULL,
    "replacesPersonId" TEXT,
    "note" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sourceEventId" INTEGER,
    CONSTRAINT "AfterHoursOverride_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ContactChartLevel" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "chart" TEXT NOT NULL DEFAULT 'doubt',
    "position" INTEGER NOT NULL,
    "target" TEXT NOT NULL,
    "personId" TEXT,
    "ackTimeoutMinutes" INTEGER NOT NULL DEFAULT 10,
    CONSTRAINT "ContactChartLevel_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ContractorDetails" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT DEFAULT 1,
    "name" TEXT NOT NULL,
    "representativeTitle" TEXT NOT NULL,
    "representativeName" TEXT NOT NULL,
    "address" TEXT NOT NULL,
    "phone" TEXT,
    "contractNumber" TEXT,
    "contractName" TEXT,
    "priceOpen" INTEGER,
    "priceClose" INTEGER,
    "priceTransfer" INTEGER,
    "priceMeterInstall" INTEGER,
    "priceMeterReplace" INTEGER,
    "priceMeterRemove" INTEGER,
    "taxRatePercent" INTEGER NOT NULL DEFAULT 10
);

-- CreateTable
CREATE TABLE "WorkPlace" (
    "position" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "name" TEXT NOT NULL,
    "address" TEXT NOT NULL,
    "purpose" TEXT NOT NULL,
    "storage" BOOLEAN NOT NULL DEFAULT false
);

-- CreateTable
CREATE TABLE "SupplySettings" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT DEFAULT 1,
    "lowStock" TEXT NOT NULL
);

-- CreateTable
CREATE TABLE "WorkOrder" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "orderNo" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "scheduledDate" TEXT NOT NULL,
    "customerNumber" TEXT,
    "customerNumberIndex" TEXT,
    "customerName" TEXT,
    "customerNameKana" TEXT,
    "address" TEXT NOT NULL,
    "addressIndex" TEXT,
    "town" TEXT NOT NULL,
    "mapSheet" TEXT,
    "tapNumber" TEXT,
    "meterNumber" TEXT,
    "diameterMm" INTEGER,
    "previousReading" INTEGER,
    "previousUsage" INTEGER,
    "meterWork" TEXT,
    "phone" TEXT,
    "remarks" TEXT,
    "latitude" REAL,
    "longitude" REAL,
    "extra" TEXT,
    "contentHash" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'open',
    "carriedSince" TEXT,
    "importedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "Assignment" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "workOrderId" INTEGER NOT NULL,
    "personId" TEXT NOT NULL,
    "date" TEXT NOT NULL,
    "visitOrder" INTEGER NOT NULL,
    "pinned" BOOLEAN NOT NULL DEFAULT false,
    "assignedBy" TEXT,
    "assignedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "movedByEventId" INTEGER,
    "movedFromId" TEXT,
    CONSTRAINT "Assignment_workOrderId_fkey" FOREIGN KEY ("workOrderId") REFERENCES "WorkOrder" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Assignment_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "TaskResult" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "workOrderId" INTEGER NOT NULL,
    "personId" TEXT NOT NULL,
    "outcome" TEXT NOT NULL,
    "notDoneReason" TEXT,
    "reading" INTEGER,
    "readingConfirmed" BOOLEAN NOT NULL DEFAULT false,
    "customerPresent" BOOLEAN,
    "customerConsent" BOOLEAN,
    "meterWorkDone" TEXT,
    "meterNumber" TEXT,
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
    "phoneContactOutcome" TEXT,
    "outdoorTap" TEXT,
    "readingLowerThanPrevious" BOOLEAN NOT NULL DEFAULT false,
    "usageFarAbovePrevious" BOOLEAN NOT NULL DEFAULT false,
    "readingDiffersFromPrevious" BOOLEAN NOT NULL DEFAULT false,
    "readingDifferenceNote" TEXT,
    "leakSuspected" BOOLEAN NOT NULL DEFAULT false,
    "equipmentDefect" BOOLEAN NOT NULL DEFAULT false,
    "customerToldOfDefect" BOOLEAN,
    "improperUse" BOOLEAN NOT NULL DEFAULT false,
    "improperUseNotified" BOOLEAN,
    "afterHours" BOOLEAN NOT NULL DEFAULT false,
    "afterHoursConsentId" INTEGER,
    "note" TEXT,
    "channel" TEXT NOT NULL,
    "recordedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "sourceEventId" INTEGER,
    "valvePinCount" INTEGER,
    "copperWireCount" INTEGER,
    "sealCount" INTEGER,
    CONSTRAINT "TaskResult_workOrderId_fkey" FOREIGN KEY ("workOrderId") REFERENCES "WorkOrder" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "TaskResult_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ResultCorrection" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "resultId" INTEGER NOT NULL,
    "date" TEXT NOT NULL,
    "personId" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "at" DATETIME NOT NULL,
    "changes" TEXT NOT NULL,
    "amendsReport" BOOLEAN NOT NULL DEFAULT false,
    "sourceEventId" INTEGER,
    CONSTRAINT "ResultCorrection_resultId_fkey" FOREIGN KEY ("resultId") REFERENCES "TaskResult" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "PendingReply" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "personId" TEXT NOT NULL,
    "workOrderId" INTEGER,
    "step" TEXT NOT NULL,
    "draft" TEXT NOT NULL,
    "expiresAt" DATETIME NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sourceEventId" INTEGER,
    "askedAfterEventId" INTEGER,
    "said" TEXT
);

-- CreateTable
CREATE TABLE "Attachment" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "resultId" INTEGER,
    "doubtId" INTEGER,
    "incidentId" INTEGER,
    "platform" TEXT NOT NULL,
    "fileRef" TEXT NOT NULL,
    "fileName" TEXT,
    "mimeType" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Attachment_resultId_fkey" FOREIGN KEY ("resultId") REFERENCES "TaskResult" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Attachment_doubtId_fkey" FOREIGN KEY ("doubtId") REFERENCES "Doubt" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Attachment_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "Incident" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "MeterMovement" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "resultId" INTEGER,
    "date" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "meterNumber" TEXT,
    "diameterMm" INTEGER NOT NULL,
    CONSTRAINT "MeterMovement_resultId_fkey" FOREIGN KEY ("resultId") REFERENCES "TaskResult" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ConsumableUse" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "resultId" INTEGER,
    "personId" TEXT NOT NULL,
    "date" TEXT NOT NULL,
    "item" TEXT NOT NULL,
    "quantity" INTEGER NOT NULL DEFAULT 1,
    CONSTRAINT "ConsumableUse_resultId_fkey" FOREIGN KEY ("resultId") REFERENCES "TaskResult" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ConsumableUse_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "SupplyReceipt" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "date" TEXT NOT NULL,
    "item" TEXT NOT NULL,
    "diameterMm" INTEGER NOT NULL DEFAULT 0,
    "quantity" INTEGER NOT NULL,
    "personId" TEXT NOT NULL,
    "at" DATETIME NOT NULL,
    "sourceEventId" INTEGER
);

-- CreateTable
CREATE TABLE "StockLevelState" (
    "item" TEXT NOT NULL,
    "diameterMm" INTEGER NOT NULL DEFAULT 0,
    "low" BOOLEAN NOT NULL,
    "changedAt" DATETIME NOT NULL,

    PRIMARY KEY ("item", "diameterMm")
);

-- CreateTable
CREATE TABLE "ParkingFee" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "date" TEXT NOT NULL,
    "personId" TEXT NOT NULL,
    "workOrderId" INTEGER,
    "amountYen" INTEGER NOT NULL,
    "note" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sourceEventId" INTEGER,
    CONSTRAINT "ParkingFee_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "ParkingFee_workOrderId_fkey" FOREIGN KEY ("workOrderId") REFERENCES "WorkOrder" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "HandoverNote" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "date" TEXT NOT NULL,
    "personId" TEXT NOT NULL,
    "workOrderId" INTEGER,
    "text" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sourceEventId" INTEGER,
    CONSTRAINT "HandoverNote_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "HandoverNote_workOrderId_fkey" FOREIGN KEY ("workOrderId") REFERENCES "WorkOrder" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "DayEndConfirmation" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "date" TEXT NOT NULL,
    "personId" TEXT NOT NULL,
    "confirmedAt" DATETIME NOT NULL,
    "channel" TEXT NOT NULL,
    "sourceEventId" INTEGER
);

-- CreateTable
CREATE TABLE "Doubt" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "workOrderId" INTEGER,
    "raisedById" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'open',
    "chainSnapshot" TEXT NOT NULL,
    "currentLevel" INTEGER NOT NULL DEFAULT 0,
    "holderId" TEXT,
    "answer" TEXT,
    "answeredById" TEXT,
    "answerEventId" INTEGER,
    "raisedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "acknowledgedAt" DATETIME,
    "resolvedAt" DATETIME,
    "resolvedById" TEXT,
    "levelNotifiedAt" DATETIME,
    "bureauContactId" TEXT,
    "bureauAcknowledgedAt" DATETIME,
    "sourceEventId" INTEGER,
    CONSTRAINT "Doubt_workOrderId_fkey" FOREIGN KEY ("workOrderId") REFERENCES "WorkOrder" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Incident" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "reportedById" TEXT NOT NULL,
    "workOrderId" INTEGER,
    "description" TEXT NOT NULL,
    "place" TEXT,
    "thirdPartyDamage" BOOLEAN,
    "state" TEXT NOT NULL DEFAULT 'open',
    "occurredAt" DATETIME NOT NULL,
    "resolvedAt" DATETIME,
    "resolvedById" TEXT,
    "resolution" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sourceEventId" INTEGER,
    "kind" TEXT NOT NULL DEFAULT 'accident',
    "terminal" TEXT,
    "customerData" BOOLEAN,
    "locked" BOOLEAN
);

-- CreateTable
CREATE TABLE "IncidentAck" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "incidentId" INTEGER NOT NULL,
    "personId" TEXT NOT NULL,
    "notifiedAt" DATETIME NOT NULL,
    "acknowledgedAt" DATETIME,
    CONSTRAINT "IncidentAck_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "Incident" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Complaint" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "kind" TEXT NOT NULL,
    "via" TEXT NOT NULL,
    "receivedAt" DATETIME NOT NULL,
    "address" TEXT,
    "customerNumber" TEXT,
    "customerNumberIndex" TEXT,
    "description" TEXT NOT NULL,
    "workOrderId" INTEGER,
    "state" TEXT NOT NULL DEFAULT 'open',
    "holderId" TEXT,
    "acknowledgedAt" DATETIME,
    "resolvedAt" DATETIME,
    "findings" TEXT,
    "actionTaken" TEXT,
    "resolvedById" TEXT,
    "externalId" TEXT,
    "pagingNight" TEXT,
    "sourceEventId" INTEGER
);

-- CreateTable
CREATE TABLE "Page" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "complaintId" INTEGER NOT NULL,
    "personId" TEXT NOT NULL,
    "round" INTEGER NOT NULL,
    "position" INTEGER NOT NULL,
    "sentAt" DATETIME NOT NULL,
    "outcome" TEXT NOT NULL DEFAULT 'sent',
    "acknowledgedAt" DATETIME,
    CONSTRAINT "Page_complaintId_fkey" FOREIGN KEY ("complaintId") REFERENCES "Complaint" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "OvertimeRequest" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "date" TEXT NOT NULL,
    "requestedById" TEXT NOT NULL,
    "orderNos" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "until" TEXT NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'pending',
    "decidedById" TEXT,
    "decidedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sourceEventId" INTEGER
);

-- CreateTable
CREATE TABLE "CaseEvent" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "caseType" TEXT NOT NULL,
    "caseId" INTEGER NOT NULL,
    "at" DATETIME NOT NULL,
    "actorId" TEXT,
    "action" TEXT NOT NULL,
    "detail" TEXT,
    "sourceEventId" INTEGER
);

-- CreateTable
CREATE TABLE "Report" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "kind" TEXT NOT NULL,
    "period" TEXT NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'draft',
    "content" TEXT NOT NULL,
    "pdf" BLOB,
    "approvedById" TEXT,
    "approvedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "DurableTimer" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "kind" TEXT NOT NULL,
    "dueAt" DATETIME NOT NULL,
    "payload" TEXT NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'pending',
    "dedupeKey" TEXT,
    "claimedBy" TEXT,
    "claimedAt" DATETIME,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "JobRun" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "instanceId" TEXT NOT NULL,
    "startedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "OrderNotice" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "workOrderId" INTEGER NOT NULL,
    "version" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "instanceId" TEXT NOT NULL,
    "claimedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "PollerMark" (
    "name" TEXT NOT NULL PRIMARY KEY,
    "mark" DATETIME NOT NULL,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "InboundEvent" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "platform" TEXT NOT NULL,
    "eventKey" TEXT NOT NULL,
    "payload" TEXT NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'received',
    "receivedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "processedAt" DATETIME,
    "error" TEXT,
    "orderKey" TEXT NOT NULL DEFAULT '',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "claimedBy" TEXT,
    "leaseUntil" DATETIME
);

-- CreateTable
CREATE TABLE "Delivery" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "dedupeKey" TEXT NOT NULL,
    "platform" TEXT NOT NULL DEFAULT '',
    "recipient" TEXT NOT NULL,
    "view" TEXT NOT NULL,
    "logicalKey" TEXT,
    "targetKey" TEXT NOT NULL DEFAULT '',
    "state" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "claimedBy" TEXT,
    "leaseUntil" DATETIME,
    "claimedAt" DATETIME,
    "lastError" TEXT,
    "jobKey" TEXT,
    "expiresAt" DATETIME,
    "alertedAt" DATETIME,
    "messageRef" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sentAt" DATETIME
);

-- CreateTable
CREATE TABLE "OutboundMessage" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "platform" TEXT NOT NULL,
    "logicalKey" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "messageRef" TEXT NOT NULL,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "AuditLog" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actorId" TEXT,
    "channel" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "entity" TEXT NOT NULL,
    "entityId" TEXT,
    "before" TEXT,
    "after" TEXT,
    "prevHash" TEXT,
    "hash" TEXT,
    "keyId" TEXT,
    "seal" TEXT
);

-- CreateTable
CREATE TABLE "AuditChainHead" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT DEFAULT 1,
    "lastId" INTEGER NOT NULL,
    "hash" TEXT NOT NULL,
    "keyId" TEXT NOT NULL,
    "seal" TEXT NOT NULL
);

-- CreateTable
CREATE TABLE "AuditChainStart" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT DEFAULT 1,
    "startHash" TEXT NOT NULL,
    "at" DATETIME NOT NULL,
    "keyId" TEXT NOT NULL,
    "seal" TEXT NOT NULL
);

-- CreateTable
CREATE TABLE "AuditPurgeGate" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT DEFAULT 1,
    "before" DATETIME
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

