package dev.destsdk.iceberg;

/** The file conformance suite against the Iceberg destination on a local directory. */
class IcebergLocalConformanceIT extends IcebergConformanceSuites.Local {
}
