// A Go program on the generated SDK (sdks/go): the same application and web client as test/programs/python, and,
// when stack config names one, a client created outside Pulumi adopted with the Import resource option. make test
// compiles and vets it (scripts/test.sh); running it needs the Go language host (docs/multi-language.md).
package main

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/config"

	"pulumi-mosaic.invalid/sdks/go/mosaic"
)

func main() {
	pulumi.Run(func(ctx *pulumi.Context) error {
		cfg := config.New(ctx, "")
		description := cfg.Get("description")
		if description == "" {
			description = "first"
		}
		ttl := cfg.GetInt("accessTokenTtl")
		if ttl == 0 {
			ttl = 3600
		}
		app, err := mosaic.NewApplication(ctx, "app", &mosaic.ApplicationArgs{
			AppName:        pulumi.String("Go portal"),
			AppDescription: pulumi.String(description),
		})
		if err != nil {
			return err
		}
		web, err := mosaic.NewClient(ctx, "web", &mosaic.ClientArgs{
			ApplicationId: app.AppId,
			Name:          pulumi.String("web"),
			RedirectUris:  pulumi.StringArray{pulumi.String("https://portal.example.com/callback")},
			TokenExpiration: &mosaic.ClientTokenExpirationArgs{
				AccessTokenTtl:  pulumi.Int(ttl),
				RefreshTokenTtl: pulumi.Int(86400),
			},
		})
		if err != nil {
			return err
		}
		// The Import option takes a plain id: a client's is <applicationId>/<clientId>.
		if adopted := cfg.Get("adoptClient"); adopted != "" {
			mobile, err := mosaic.NewClient(ctx, "mobile", &mosaic.ClientArgs{
				ApplicationId: app.AppId,
				Name:          pulumi.String("mobile"),
				RedirectUris:  pulumi.StringArray{pulumi.String("https://m.example.com/cb")},
			}, pulumi.Import(pulumi.ID(adopted)))
			if err != nil {
				return err
			}
			ctx.Export("mobileId", mobile.ID())
		}
		ctx.Export("appId", app.AppId)
		ctx.Export("clientId", web.ClientId)
		ctx.Export("clientSecret", web.ClientSecret)
		ctx.Export("defaultClientSecret", app.DefaultClientSecret)
		return nil
	})
}
