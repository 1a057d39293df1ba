package dev.destsdk.examples.crm;

import dev.destsdk.core.spi.Destination;
import dev.destsdk.testkit.activation.ActivationConformanceSuite;
import dev.destsdk.testkit.activation.ActivationTestSettings;

/** Runs the activation conformance suite for the CRM connector against the fake CRM API. */
class CrmConnectorIT extends ActivationConformanceSuite {

    @Override
    protected Destination newDestination(ActivationTestSettings s) {
        CrmConfig config = CrmConfig.of(s.baseUrl(), ApiToken.of(s.token())).withLimits(s.limits())
                .withRequestTimeout(s.requestTimeout());
        return new CrmDestination(s.stateDirectory().map(config::withStateDirectory).orElse(config));
    }
}
