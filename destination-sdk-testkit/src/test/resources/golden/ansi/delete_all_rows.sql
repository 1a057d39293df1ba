DELETE FROM "Sales Data"."order ""items""";
