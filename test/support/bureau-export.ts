/** The header line of the bureau's work-order export (column names of src/adapters/csv/column-mapping.ts). */
export const BUREAU_EXPORT_HEADER =
  '作業番号,作業種別,作業予定日,お客さま番号,使用者名,使用者名カナ,住所,地図版,水栓番号,メーター番号,口径,前回指針,前回使用量,メーター作業,連絡先電話番号,備考,緯度,経度';
