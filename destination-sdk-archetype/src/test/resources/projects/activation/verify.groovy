// The generated activation project (the CRM example has no factory).
binding.setVariable('expected', [pkg: 'com.example.activation', name: 'MyActivation', base: 'BaseActivationDestination', factory: false, minTests: 18])
evaluate(new File(basedir, '../checks.groovy'))
