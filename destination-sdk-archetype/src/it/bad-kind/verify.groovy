// Generation with a kind that is not warehouse, file or activation fails with a clear message and leaves nothing.
def log = new File(basedir, 'build.log').text
assert log.contains("destination-sdk-archetype: kind must be warehouse, file or activation, not 'lake'")
assert log.contains('BUILD FAILURE')
assert !new File(basedir, 'bad-connector').exists() : 'the failed generation left its project behind'
