import type { WorkPlace } from '../../domain/staffing/work-place.ts';
import type { Affiliation, ChatPlatform } from '../../domain/staffing/staff-person.ts';
import type { IncidentRecord } from '../incidents/incident-record.ts';
import type { Clock } from '../ports.ts';
import type { ContractorSource, PdfRenderer } from '../reports/ports.ts';

/** A person as the annex documents list them: who, what they may do, since and until when. */
export interface AnnexPerson {
  id: string;
  affiliation: Affiliation;
  name: string;
  title: string | null;
  phone: string | null;
  canSupervise: boolean;
  isAdmin: boolean;
  isSecurityOfficer: boolean;
  active: boolean;
  from: string | null;
  until: string | null;
  /** When the person was last deactivated (null: active, or never recorded). */
  deactivatedAt: Date | null;
  osUser: string | null;
  chat: [ChatPlatform, string][];
}

export interface AnnexSource {
  /** Everyone in the staff directory, active or not, by id. */
  people(): Promise<AnnexPerson[]>;
  workPlaces(): Promise<WorkPlace[]>;
}

export interface AnnexDeps {
  source: AnnexSource;
  incidents: { get(id: number): Promise<IncidentRecord | undefined> };
  renderer: PdfRenderer;
  clock: Clock;
  contractor: ContractorSource;
}

export interface AnnexResult {
  pdf: Uint8Array;
  pageCount: number;
  csv?: string;
  /** What the document counts (people, places), for the CLI's line. */
  count: number;
}
