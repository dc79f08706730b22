"""A Python program on the generated SDK (sdks/python): an application and a web client, and, when stack config
names one, a client created outside Pulumi adopted with the `import` resource option (test/e2e/python-sdk.test.ts)."""
import pulumi
import pulumi_mosaic as mosaic

config = pulumi.Config()

app = mosaic.Application(
    "app",
    app_name="Python portal",
    app_description=config.get("description") or "first",
)
web = mosaic.Client(
    "web",
    application_id=app.app_id,
    name="web",
    redirect_uris=["https://portal.example.com/callback"],
    token_expiration=mosaic.ClientTokenExpirationArgs(
        access_token_ttl=config.get_int("accessTokenTtl") or 3600,
        refresh_token_ttl=86400,
    ),
)

# The import option takes a plain id: a client's is <applicationId>/<clientId>. The program states the fields it
# manages as they are in the API, or the engine refuses the import.
adopted = config.get("adoptClient")
if adopted:
    mobile = mosaic.Client(
        "mobile",
        application_id=app.app_id,
        name="mobile",
        redirect_uris=["https://m.example.com/cb"],
        opts=pulumi.ResourceOptions(import_=adopted),
    )
    pulumi.export("mobileId", mobile.id)

pulumi.export("appId", app.app_id)
pulumi.export("clientId", web.client_id)
pulumi.export("clientSecret", web.client_secret)
pulumi.export("defaultClientSecret", app.default_client_secret)
