SELECT i.relname FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid WHERE x.indrelid = to_regclass('"Sales Data"."order ""items"""') ORDER BY 1;
