// The checks of every generated project, run by each project's verify.groovy after `verify` with `expected` set:
// sources renamed into the package, no other kind left, the factory registered, and its conformance suite ran green.
File projectDir = context.projectDir // the generated project (the archetype plugin's verify-script context)
def pkg = new File(projectDir, 'src/main/java/' + expected.pkg.replace('.', '/'))
assert new File(pkg, expected.name + 'Destination.java').text.contains('extends ' + expected.base)
if (expected.factory) {
    assert new File(pkg, expected.name + 'DestinationFactory.java').text
            .contains('return "' + expected.name.toLowerCase() + '";')
    assert new File(projectDir, 'src/main/resources/META-INF/services/dev.destsdk.core.spi.DestinationFactory')
            .text.trim() == expected.pkg + '.' + expected.name + 'DestinationFactory'
}
assert !new File(projectDir, 'kinds').exists()
new File(projectDir, 'src').eachFileRecurse { f ->
    assert !(f.isFile() && f.text.contains('dev.destsdk.examples')) : "the example's package is left in $f"
}
def summary = new File(projectDir, 'target/failsafe-reports/failsafe-summary.xml')
assert summary.isFile() : 'the conformance suite did not run'
def count = { String tag -> (summary.text =~ "<$tag>(\\d+)</$tag>")[0][1].toInteger() }
assert count('completed') >= expected.minTests : "only ${count('completed')} conformance tests ran"
assert count('failures') == 0 && count('errors') == 0
