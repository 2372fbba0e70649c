-- A per-channel id (a messenger or web chat id) is keyed by its channel and address alone: its value
-- in the (kind, value) index, a copy of a random id, landed each new customer on a random page of that
-- index. Stored empty from now on (engine/store/customers.ts), and emptied here for those already held.
UPDATE "CustomerIdentity" SET "value" = '' WHERE "kind" = 'channel';
