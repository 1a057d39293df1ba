DELETE FROM "Sales Data"."order ""items""" WHERE "_supa_job_id" = 'sync-42';
