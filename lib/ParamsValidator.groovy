import groovy.json.JsonSlurper
import java.nio.file.Files
import java.nio.file.Path

/**
 * Validates the pipeline's parameters against schema/nextflow_schema.json (nf-core layout: groups under
 * $defs). Nextflow plugins cannot be installed offline, so the pipeline does this itself; every problem
 * is collected and reported in one message before any task starts.
 */
class ParamsValidator {

    static List<String> validate(Map params, Path schemaFile) {
        Map schema = new JsonSlurper().parse(schemaFile.toFile()) as Map
        Map<String, Map> properties = [:]
        (schema['$defs'] as Map).each { name, group -> properties.putAll((group as Map).properties as Map) }
        List<String> problems = []
        params.each { String key, value ->
            if (key.contains('-')) {
                return // Nextflow mirrors camelCase/kebab-case names; the schema uses snake_case
            }
            Map spec = properties[key]
            if (spec == null) {
                problems << "unknown parameter --${key}".toString()
                return
            }
            if (value == null) {
                return
            }
            String problem = check(key, value, spec)
            if (problem) {
                problems << problem
            }
        }
        return problems
    }

    private static String check(String key, Object value, Map spec) {
        List types = spec.type instanceof List ? spec.type as List : [spec.type]
        if ('integer' in types) {
            if (!(value instanceof Integer || value instanceof Long)) {
                return "--${key} must be an integer, got '${value}'"
            }
        } else if ('boolean' in types) {
            if (!(value instanceof Boolean)) {
                return "--${key} must be true or false, got '${value}'"
            }
        } else if ('number' in types) {
            if (!(value instanceof Number)) {
                return "--${key} must be a number, got '${value}'"
            }
        } else if ('string' in types) {
            if (!(value instanceof CharSequence)) {
                return "--${key} must be a string, got '${value}'"
            }
        }
        if (spec.minimum != null && value instanceof Number && value < spec.minimum) {
            return "--${key} is ${value}, below its minimum ${spec.minimum}"
        }
        if (spec.maximum != null && value instanceof Number && value > spec.maximum) {
            return "--${key} is ${value}, above its maximum ${spec.maximum}"
        }
        if (spec.enum != null && !(value.toString() in (spec.enum as List))) {
            return "--${key} is '${value}', expected one of ${(spec.enum as List).join(', ')}"
        }
        // JSON Schema patterns match anywhere in the value (ECMA-262 search, not a whole-string match): anchor them to
        // mean the whole value
        if (spec.pattern != null && !(value.toString() =~ spec.pattern).find()) {
            return "--${key} is '${value}', which does not match ${spec.pattern}"
        }
        if (spec.format == 'file-path' && spec.exists && !Files.isRegularFile(Path.of(value.toString()))) {
            return "--${key}: file '${value}' does not exist"
        }
        return null
    }
}
