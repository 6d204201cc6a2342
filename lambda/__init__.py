"""Lambda handler of the Custom::AppIntegrationsDataIntegration resource.

Shipped two ways: as ``cdk_appintegrations.handler`` inside the wheel, and as the
top-level package of the Lambda asset. Modules import each other relatively so
both work.
"""
