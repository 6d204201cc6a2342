"""Lambda handler of the Custom::AppIntegrationsDataIntegration resource.

One package under one name everywhere: in the source tree, in the wheel and as the Lambda asset's
top-level package. Modules import each other relatively.
"""
