package dev.destsdk.activation.plan;

import dev.destsdk.activation.ActivationLimits;
import dev.destsdk.activation.ApiFieldType;
import dev.destsdk.activation.FieldDescription;
import dev.destsdk.activation.ObjectDescription;
import dev.destsdk.activation.Operation;
import dev.destsdk.core.error.ConnectorException;
import dev.destsdk.core.error.ErrorType;
import dev.destsdk.core.metadata.FieldMetadata;
import dev.destsdk.core.metadata.ObjectMetadata;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Turns a mapped object's activation attributes into an {@link ActivationPlan}, checking them against the API's
 * description of the target. A pure function of its inputs: no I/O besides the description callback.
 *
 * <ol>
 *   <li>The target object is the first non-blank of {@code activation_target}'s
 *       {@code formatted_fully_qualified_name}, {@code fully_qualified_name}, {@code object_api_name}, {@code name}.
 *       Without one the load fails at once.</li>
 *   <li>The description is read for that object.</li>
 *   <li>The operation ({@code activation_behaviour.operation}, default UPSERT), options, mapped fields, merge keys
 *       ({@code selected_merge_keys}, else the connector's default) are checked. Every problem found is collected and
 *       reported together in one {@link ErrorType#CONFIGURATION_ERROR}, each naming the field and the fix.</li>
 * </ol>
 */
public final class ActivationPlanner {
    /** The {@code activation_target} keys that name the object, in the order they are tried. */
    public static final List<String> TARGET_NAME_KEYS = List.of("formatted_fully_qualified_name",
            "fully_qualified_name", "object_api_name", "name");

    private ActivationPlanner() {
    }

    /**
     * Resolves the target object's API name.
     *
     * @param target the mapped object; not null
     * @return the name, or empty when {@code activation_target} names none
     */
    public static Optional<String> resolveObjectName(ObjectMetadata target) {
        Map<String, Object> activationTarget = target.getActivationTarget();
        for (String key : TARGET_NAME_KEYS) {
            if (activationTarget.get(key) instanceof String s && !s.isBlank()) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    /**
     * Builds and validates the plan.
     *
     * @param destination the destination's name, for messages; not null
     * @param target the mapped object with its activation attributes; not null
     * @param describe reads the API's description of an object; not null
     * @param defaultMergeKeys the connector's merge keys when {@code selected_merge_keys} is empty; not null
     * @param limits the connector's limits (for the number of merge keys); not null
     * @return the plan
     * @throws ConnectorException CONFIGURATION_ERROR listing every problem
     */
    public static ActivationPlan plan(String destination, ObjectMetadata target,
                                      Function<String, ObjectDescription> describe,
                                      Function<ObjectDescription, List<String>> defaultMergeKeys,
                                      ActivationLimits limits) {
        String objectName = resolveObjectName(target).orElseThrow(() -> ConnectorException.builder(
                ErrorType.CONFIGURATION_ERROR, destination + ": activation_target names no object; set its "
                        + "object_api_name (or fully_qualified_name) to the API object to write to")
                .object(target.getName()).build());
        ObjectDescription description = describe.apply(objectName);
        List<String> problems = new ArrayList<>();
        Map<String, Object> behaviour = target.getActivationBehaviour();

        Object opValue = behaviour.get(ActivationOptions.OPERATION);
        Operation operation = Operation.UPSERT;
        if (opValue != null) {
            Optional<Operation> parsed = Operation.parse(String.valueOf(opValue));
            if (parsed.isEmpty()) {
                problems.add("activation_behaviour.operation '" + excerpt(String.valueOf(opValue))
                        + "' is not an operation; use INSERT, UPDATE or UPSERT");
            } else {
                operation = parsed.get();
            }
        }
        ActivationOptions options = new ActivationOptions(
                flag(behaviour, ActivationOptions.INSERT_NULLS, true, problems),
                flag(behaviour, ActivationOptions.TRIM_WHITESPACE, false, problems),
                flag(behaviour, ActivationOptions.CHANGE_ONLY, false, problems),
                flag(behaviour, ActivationOptions.FULL_RESYNC, false, problems),
                behaviour);

        // An INSERT matches nothing: it takes merge keys only where they are selected (for per-key order).
        List<String> mergeKeys = !target.getSelectedMergeKeys().isEmpty() ? target.getSelectedMergeKeys()
                : operation.updates() ? List.copyOf(defaultMergeKeys.apply(description)) : List.of();

        List<MappedField> fields = new ArrayList<>();
        Map<String, String> targetToSource = new LinkedHashMap<>();
        for (FieldMetadata f : target.getFields()) {
            if (!f.isSelected() || f.getActivationTargetField().isEmpty()) {
                continue;
            }
            String targetName = f.getActivationTargetField().get();
            String previous = targetToSource.putIfAbsent(targetName, f.getName());
            if (previous != null) {
                problems.add("fields '" + previous + "' and '" + f.getName() + "' both map to '" + targetName
                        + "'; map only one of them");
                continue;
            }
            Optional<FieldDescription> desc = description.field(targetName);
            if (desc.isEmpty()) {
                problems.add("field '" + f.getName() + "' maps to '" + targetName + "', which " + objectName
                        + " does not have; choose one of " + limitList(description.fields().keySet()));
                continue;
            }
            FieldDescription d = desc.get();
            boolean isKey = mergeKeys.contains(targetName);
            boolean written = operation == Operation.INSERT || !isKey;
            if (written) {
                checkWritable(f, d, operation, problems);
            }
            Optional<String> parent = Optional.empty();
            Optional<String> match = Optional.empty();
            if (f.isActivationLookup()) {
                Map<String, Object> lookup = f.getActivationLookup();
                parent = text(lookup.get("parent_object_api_name"));
                match = text(lookup.get("parent_match_field"));
                if (parent.isEmpty() || match.isEmpty()) {
                    problems.add("field '" + f.getName() + "' has an activation_lookup without "
                            + "parent_object_api_name and parent_match_field; set both");
                } else if (d.type() != ApiFieldType.REFERENCE) {
                    problems.add("field '" + f.getName() + "' is a lookup but '" + targetName + "' is a "
                            + d.type() + " field, not a reference; map the lookup to a reference field");
                } else if (d.referenceTo().isPresent() && !d.referenceTo().get().equals(parent.get())) {
                    problems.add("field '" + f.getName() + "' looks up " + parent.get() + " but '" + targetName
                            + "' refers to " + d.referenceTo().get() + "; set parent_object_api_name to "
                            + d.referenceTo().get());
                }
            } else if (d.type() == ApiFieldType.REFERENCE) {
                problems.add("field '" + f.getName() + "' maps to the reference field '" + targetName
                        + "' without an activation_lookup; add one naming the parent's match field");
            }
            fields.add(new MappedField(f, d, isKey, parent, match));
        }
        if (targetToSource.isEmpty()) {
            problems.add("no selected field has an activation_target_field; map at least one field");
        }

        if (operation.updates() && mergeKeys.isEmpty()) {
            problems.add(operation + " needs a merge key: set selected_merge_keys to one of "
                    + limitList(description.idFields()));
        }
        if (mergeKeys.size() > limits.maxMergeKeys()) {
            problems.add(destination + " matches records on at most " + limits.maxMergeKeys()
                    + " merge key(s), got " + mergeKeys + "; select fewer");
        }
        for (String key : mergeKeys) {
            Optional<FieldDescription> d = description.field(key);
            if (d.isEmpty()) {
                problems.add("merge key '" + key + "' is not a field of " + objectName + "; choose one of "
                        + limitList(description.idFields()));
            } else if (!d.get().idField()) {
                problems.add("merge key '" + key + "' is not an id or external-id field of " + objectName
                        + "; choose one of " + limitList(description.idFields()));
            } else if (!targetToSource.containsKey(key)) {
                problems.add("merge key '" + key + "' is not mapped; map a source field to it");
            }
        }
        if (operation.creates()) {
            for (FieldDescription d : description.fields().values()) {
                if (d.required() && !targetToSource.containsKey(d.name())) {
                    problems.add("required field '" + d.name() + "' of " + objectName + " is not mapped; "
                            + operation + " creates records, so map a source field to it");
                }
            }
        }
        if (options.changeOnly() && mergeKeys.isEmpty()) {
            problems.add("change_only needs merge keys to recognise records; set selected_merge_keys");
        }
        if (!problems.isEmpty()) {
            throw ConnectorException.builder(ErrorType.CONFIGURATION_ERROR, destination + ": the activation "
                    + "mapping of " + target.getName() + " to " + objectName + " has " + problems.size()
                    + " problem(s): " + String.join("; ", problems)).object(objectName).build();
        }
        return new ActivationPlan(objectName, description, operation, mergeKeys, fields, options);
    }

    private static void checkWritable(FieldMetadata f, FieldDescription d, Operation operation,
                                      List<String> problems) {
        String where = "field '" + f.getName() + "' maps to '" + d.name() + "'";
        if (d.readOnly()) {
            problems.add(where + ", which is read-only; remove the mapping");
            return;
        }
        if (operation.creates() && !d.createable()) {
            problems.add(where + ", which records cannot be created with; remove the mapping or use UPDATE");
        }
        if (operation.updates() && !d.updateable()) {
            problems.add(where + ", which cannot be updated; remove the mapping or use INSERT");
        }
    }

    private static boolean flag(Map<String, Object> behaviour, String key, boolean dflt, List<String> problems) {
        Object v = behaviour.get(key);
        if (v == null) {
            return dflt;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        String s = String.valueOf(v).trim();
        if (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(s);
        }
        problems.add("activation_behaviour." + key + " '" + excerpt(s) + "' is not true or false");
        return dflt;
    }

    private static Optional<String> text(Object v) {
        return v instanceof String s && !s.isBlank() ? Optional.of(s) : Optional.empty();
    }

    private static String limitList(java.util.Collection<String> names) {
        List<String> list = new ArrayList<>(names);
        return list.size() <= 12 ? list.toString() : list.subList(0, 12) + " (+" + (list.size() - 12) + " more)";
    }

    private static String excerpt(String s) {
        return s.length() > 30 ? s.substring(0, 30) + "…" : s;
    }

}
