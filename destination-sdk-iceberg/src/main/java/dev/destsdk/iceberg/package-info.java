/**
 * Apache Iceberg tables for file destinations: {@link dev.destsdk.iceberg.IcebergTableCommitter} commits what
 * {@code BaseFileDestination} staged as one Iceberg snapshot per load.
 */
package dev.destsdk.iceberg;
