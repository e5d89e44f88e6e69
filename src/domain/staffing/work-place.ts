/**
 * A place where the contract's information assets are handled (作業場所) or stored (保管場所), security annex art. 4.
 * From the staff file's `workPlaces`, in file order.
 */
export interface WorkPlace {
  name: string;
  address: string;
  purpose: string;
  /** Information assets are stored there (保管場所), not only handled. */
  storage: boolean;
}
