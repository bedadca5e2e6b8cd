const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether `id` has the form of the ids Berth gives rows (a UUID), checked before a query casts it. */
export const isUuid = (id: string): boolean => UUID.test(id);
