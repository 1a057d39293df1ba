INSERT INTO "Sales Data"."_destsdk_stage_sync_42_order ""items""" ("id", "Region", "select", "na""me", "ünïcødé") VALUES (?, ?, ?, ?, ?);
