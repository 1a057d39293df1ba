SELECT table_name FROM information_schema.tables WHERE lower(table_schema) = lower('Sales Data');
