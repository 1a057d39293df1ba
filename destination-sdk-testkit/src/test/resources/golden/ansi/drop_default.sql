ALTER TABLE "Sales Data"."order ""items""" ALTER COLUMN "_supa_synced" DROP DEFAULT;
