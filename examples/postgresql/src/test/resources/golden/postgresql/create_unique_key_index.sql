CREATE UNIQUE INDEX "_destsdk_key_sync_42" ON "Sales Data"."order ""items""" ("id", "Region");
