package dev.destsdk.iceberg;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.SupportsNamespaces;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.jdbc.JdbcCatalog;

/**
 * One JdbcCatalog used by several destinations of a test (as one process would share its catalog); not
 * {@link AutoCloseable}, so closing a destination leaves it open. The test closes the JdbcCatalog itself.
 */
final class SharedCatalog implements Catalog, SupportsNamespaces {
    private final JdbcCatalog delegate;

    SharedCatalog(JdbcCatalog delegate) {
        this.delegate = delegate;
    }

    @Override
    public String name() {
        return delegate.name();
    }

    @Override
    public List<TableIdentifier> listTables(Namespace namespace) {
        return delegate.listTables(namespace);
    }

    @Override
    public boolean dropTable(TableIdentifier identifier, boolean purge) {
        return delegate.dropTable(identifier, purge);
    }

    @Override
    public void renameTable(TableIdentifier from, TableIdentifier to) {
        delegate.renameTable(from, to);
    }

    @Override
    public Table loadTable(TableIdentifier identifier) {
        return delegate.loadTable(identifier);
    }

    @Override
    public TableBuilder buildTable(TableIdentifier identifier, Schema schema) {
        return delegate.buildTable(identifier, schema);
    }

    @Override
    public void createNamespace(Namespace namespace, Map<String, String> metadata) {
        delegate.createNamespace(namespace, metadata);
    }

    @Override
    public boolean namespaceExists(Namespace namespace) {
        return delegate.namespaceExists(namespace);
    }

    @Override
    public List<Namespace> listNamespaces(Namespace namespace) {
        return delegate.listNamespaces(namespace);
    }

    @Override
    public Map<String, String> loadNamespaceMetadata(Namespace namespace) {
        return delegate.loadNamespaceMetadata(namespace);
    }

    @Override
    public boolean dropNamespace(Namespace namespace) {
        return delegate.dropNamespace(namespace);
    }

    @Override
    public boolean setProperties(Namespace namespace, Map<String, String> properties) {
        return delegate.setProperties(namespace, properties);
    }

    @Override
    public boolean removeProperties(Namespace namespace, Set<String> properties) {
        return delegate.removeProperties(namespace, properties);
    }
}
