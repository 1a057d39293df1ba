// Keeps the example connector of the chosen kind, renamed into the project's package and connector name, and drops
// the others. Fails, leaving nothing behind, when the kind or the names are not valid: in batch mode (-B) the
// archetype plugin does not check the descriptor's validation regexes.
import java.nio.file.Files
import java.nio.file.Path

Path project = new File(request.outputDirectory, request.artifactId).toPath()

def fail = { String message ->
    project.toFile().deleteDir()
    throw new IllegalArgumentException("destination-sdk-archetype: " + message)
}

// example package, class-name prefix and destination type of each kind's source example
def kinds = [
        warehouse : [pkg: 'dev.destsdk.examples.sqlite', prefix: 'Sqlite', type: 'sqlite'],
        file      : [pkg: 'dev.destsdk.examples.filesystem', prefix: 'FileSystem', type: 'filesystem'],
        activation: [pkg: 'dev.destsdk.examples.crm', prefix: 'Crm', type: 'crm'],
]
def example = kinds[kind]
if (example == null) {
    fail("kind must be warehouse, file or activation, not '" + kind + "' (set it with -Dkind=warehouse|file|activation)")
}
if (!(connectorName ==~ /[A-Z][A-Za-z0-9]*/)) {
    fail("connectorName must be a Java class-name prefix such as Acme (a capital letter, then letters and digits), not '"
            + connectorName + "'")
}
String pkg = request.package
if (!(pkg ==~ /[a-z_][a-z0-9_]*(\.[a-z_][a-z0-9_]*)*/)) {
    fail("package must be a lower-case Java package name such as com.example.acme, not '" + pkg + "'")
}
String type = connectorName.toLowerCase(Locale.ROOT)

def rename = { String text ->
    text.replace(example.pkg, pkg)
            .replaceAll('\\b' + example.prefix + '(?=[A-Z])', connectorName)
            .replace('"' + example.type + '"', '"' + type + '"')
            .replace(example.type + ' destination', type + ' destination')
}

Path kindsDir = project.resolve('kinds')
Path source = kindsDir.resolve(kind)
String examplePath = example.pkg.replace('.', '/')
List<Path> files = Files.walk(source).withCloseable { it.filter { Files.isRegularFile(it) }.toList() }
files.each { Path file ->
    String relative = source.relativize(file).toString().replace(File.separatorChar, '/' as char)
    relative = relative.replace(examplePath + '/', pkg.replace('.', '/') + '/')
    String name = relative.substring(relative.lastIndexOf('/') + 1)
    relative = relative.substring(0, relative.length() - name.length()) + rename(name)
    Path target = project.resolve(relative)
    Files.createDirectories(target.parent)
    target.toFile().write(rename(file.toFile().getText('UTF-8')), 'UTF-8')
}
kindsDir.toFile().deleteDir()
