ALTER TABLE "Sales Data"."order ""items""" RENAME TO "_destsdk_old_sync_42";
ALTER TABLE "Sales Data"."_destsdk_new_sync_42" RENAME TO "order ""items""";
