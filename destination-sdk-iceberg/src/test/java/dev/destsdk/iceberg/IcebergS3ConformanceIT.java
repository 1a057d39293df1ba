package dev.destsdk.iceberg;

/** The file conformance suite against the Iceberg destination on the in-process S3 server. */
class IcebergS3ConformanceIT extends IcebergConformanceSuites.S3 {
}
