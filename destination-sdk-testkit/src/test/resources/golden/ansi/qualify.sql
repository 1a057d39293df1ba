"Sales Data"."order ""items""";
"Sales Data";
