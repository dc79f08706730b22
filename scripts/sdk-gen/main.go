// sdk-gen writes the Python, Go and Node.js SDKs of a Pulumi package schema with the code generators of
// github.com/pulumi/pulumi/pkg/v3 (the version pinned in go.mod). `pulumi package gen-sdk` would do the same through
// the language hosts, but only hosts newer than the ones that can be built from the Go module proxy implement
// GeneratePackage, so this calls the generators directly.
//
//	usage: sdk-gen <schema.json> <out dir>   (writes <out>/python, <out>/go, <out>/nodejs)
package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"

	"github.com/blang/semver"
	gogen "github.com/pulumi/pulumi/pkg/v3/codegen/go"
	"github.com/pulumi/pulumi/pkg/v3/codegen/nodejs"
	"github.com/pulumi/pulumi/pkg/v3/codegen/python"
	"github.com/pulumi/pulumi/pkg/v3/codegen/schema"
)

// The tool name the generators write into each file's "do not edit" header.
const tool = "pulumi-mosaic sdk-gen"

// noReferences loads no other package: the mosaic schema refers to none, so any request is a schema error.
type noReferences struct{}

func (noReferences) LoadPackage(name string, _ *semver.Version) (*schema.Package, error) {
	return nil, fmt.Errorf("the schema refers to package %q; sdk-gen loads no other package", name)
}

func (noReferences) LoadPackageV2(_ context.Context, d *schema.PackageDescriptor) (*schema.Package, error) {
	return noReferences{}.LoadPackage(d.Name, nil)
}

func (noReferences) LoadPackageReference(name string, _ *semver.Version) (schema.PackageReference, error) {
	return nil, fmt.Errorf("the schema refers to package %q; sdk-gen loads no other package", name)
}

func (noReferences) LoadPackageReferenceV2(_ context.Context, d *schema.PackageDescriptor) (schema.PackageReference, error) {
	return noReferences{}.LoadPackageReference(d.Name, nil)
}

// bind parses the schema afresh: each generator imports its own language section into the package it is given.
func bind(schemaFile string) (*schema.Package, error) {
	raw, err := os.ReadFile(schemaFile)
	if err != nil {
		return nil, err
	}
	var spec schema.PackageSpec
	if err := json.Unmarshal(raw, &spec); err != nil {
		return nil, fmt.Errorf("%s: %w", schemaFile, err)
	}
	pkg, diags, err := schema.BindSpec(spec, noReferences{}, schema.ValidationOptions{})
	if err != nil {
		return nil, err
	}
	if diags.HasErrors() {
		return nil, fmt.Errorf("%s: %s", schemaFile, diags.Error())
	}
	return pkg, nil
}

func write(dir string, files map[string][]byte) error {
	for name, content := range files {
		target := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(target, content, 0o644); err != nil {
			return err
		}
	}
	return nil
}

func run(schemaFile, out string) error {
	generators := []struct {
		language string
		generate func(*schema.Package) (map[string][]byte, error)
	}{
		{"python", func(p *schema.Package) (map[string][]byte, error) {
			return python.GeneratePackage(tool, p, nil, noReferences{})
		}},
		{"go", func(p *schema.Package) (map[string][]byte, error) { return gogen.GeneratePackage(tool, p, nil) }},
		{"nodejs", func(p *schema.Package) (map[string][]byte, error) {
			return nodejs.GeneratePackage(tool, p, nil, nil, false, noReferences{})
		}},
	}
	for _, g := range generators {
		pkg, err := bind(schemaFile)
		if err != nil {
			return err
		}
		files, err := g.generate(pkg)
		if err != nil {
			return fmt.Errorf("%s SDK: %w", g.language, err)
		}
		if err := write(filepath.Join(out, g.language), files); err != nil {
			return fmt.Errorf("%s SDK: %w", g.language, err)
		}
	}
	return nil
}

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: sdk-gen <schema.json> <out dir>")
		os.Exit(2)
	}
	if err := run(os.Args[1], os.Args[2]); err != nil {
		fmt.Fprintln(os.Stderr, "sdk-gen:", err)
		os.Exit(1)
	}
}
