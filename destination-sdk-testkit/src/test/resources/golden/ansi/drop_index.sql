DROP INDEX "Sales Data"."_destsdk_key_sync_42";
