// The generated file project.
binding.setVariable('expected', [pkg: 'com.example.lake', name: 'Lake', base: 'BaseFileDestination', factory: true, minTests: 40])
evaluate(new File(basedir, '../checks.groovy'))
