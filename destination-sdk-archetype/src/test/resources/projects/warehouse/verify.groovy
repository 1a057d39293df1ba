// The generated warehouse project.
binding.setVariable('expected', [pkg: 'com.example.acme.warehouse', name: 'Acme', base: 'BaseWarehouseDestination', factory: true, minTests: 100])
evaluate(new File(basedir, '../checks.groovy'))
