/** Where the handover pages live (the desk page itself is the module's `/handover`). */
export const handoverRecordsPath = '/handover/records';
export const handoverRecordPath = (id: string) => `/handover/${encodeURIComponent(id)}`;
export const handoverWorkPath = (id: string) => `/handover/${encodeURIComponent(id)}/work`;
