package dev.destsdk.testkit.runner;

import dev.destsdk.core.error.ConnectorException;
import dev.destsdk.core.error.ErrorType;
import dev.destsdk.core.metadata.CanonicalType;
import dev.destsdk.core.metadata.FieldMetadata;
import dev.destsdk.core.sync.TrackingColumns;
import dev.destsdk.testkit.inspect.DestinationInspector;
import dev.destsdk.testkit.inspect.InspectedColumn;
import dev.destsdk.testkit.inspect.InspectedTable;
import dev.destsdk.testkit.inspect.ObjectRef;
import dev.destsdk.testkit.inspect.RowOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads back an {@link InMemoryDestination}'s tables, as a connector's test would read its database. */
final class InMemoryInspector implements DestinationInspector {
    private final InMemoryDestination destination;

    InMemoryInspector(InMemoryDestination destination) {
        this.destination = destination;
    }

    private static String key(ObjectRef object) {
        return object.schema().orElse("") + "." + object.name();
    }

    @Override
    public boolean exists(ObjectRef object) {
        return destination.tables.containsKey(key(object));
    }

    @Override
    public List<InspectedColumn> columns(ObjectRef object) {
        InMemoryDestination.Table table = require(object);
        List<InspectedColumn> columns = new ArrayList<>();
        for (FieldMetadata f : table.mapped().getFields()) {
            columns.add(new InspectedColumn(f.getName(), f.getCanonicalType(), f.getOriginalDataType().orElseThrow(),
                    f.isNullable()));
        }
        columns.add(new InspectedColumn(TrackingColumns.DEFAULT.synced(), CanonicalType.TIMESTAMP_TZ,
                "mem_timestamp_tz", false));
        columns.add(new InspectedColumn(TrackingColumns.DEFAULT.jobId(), CanonicalType.STRING, "mem_string", false));
        return columns;
    }

    @Override
    public InspectedTable read(ObjectRef object, RowOrder order) {
        InspectedTable table = new InspectedTable(object, columns(object), require(object).rows());
        return order.isOrdered() ? table.sortedBy(order.keyColumns()) : table;
    }

    @Override
    public List<ObjectRef> listObjects(Optional<String> catalog, Optional<String> schema) {
        return destination.tables.values().stream()
                .map(t -> ObjectRef.of(t.mapped()))
                .filter(r -> schema.isEmpty() || r.schema().equals(schema))
                .toList();
    }

    private InMemoryDestination.Table require(ObjectRef object) {
        InMemoryDestination.Table table = destination.tables.get(key(object));
        if (table == null) {
            throw new ConnectorException(ErrorType.VALIDATION_ERROR, "no object " + object);
        }
        return table;
    }
}
