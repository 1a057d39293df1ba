CREATE INDEX "order ""items""_key_sync_42" ON "Sales Data"."order ""items""" ("id", "Region");
