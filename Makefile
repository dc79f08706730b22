# The two commands a newcomer needs (see README.md). Both prepare the machine themselves via scripts/env.sh.
.PHONY: demo test bench build sdks hosts check-hosts acceptance

demo:
	bash scripts/demo.sh

test:
	bash scripts/test.sh

bench:
	bash scripts/bench.sh

# The package (dist/) and the pulumi-resource-mosaic plugin folder, dist/pulumi-plugin/ (docs/multi-language.md).
build:
	bash -c 'source scripts/env.sh && ensure_node && ensure_node_modules && npx tsc -p tsconfig.json'
	bash scripts/build-plugin.sh

# Rewrites the Python, Go and Node.js SDKs in sdks/ from schema.json (after `npm run generate`); make test checks them.
sdks:
	bash scripts/generate-sdks.sh

# Language hosts for YAML, Python and Go programs (make test builds them too; demo needs none), and a program run on each.
hosts:
	bash scripts/build-language-hosts.sh

check-hosts:
	bash scripts/check-language-hosts.sh

# The live acceptance run against a real (sandbox) tenant from the MOSAIC_* settings; needs MOSAIC_ACCEPTANCE=1 (docs/acceptance.md).
acceptance:
	bash scripts/acceptance.sh
