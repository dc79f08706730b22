const pulumi = require("@pulumi/pulumi");
const path = process.argv[2];
const stubs = require(path);
(async () => {
  for (const [name, stub] of Object.entries(stubs)) {
    const sf = await pulumi.runtime.serializeFunction(() => stub, { allowSecrets: false });
    console.log(name, sf.text.length);
    if (process.argv[3]) console.log(sf.text);
  }
})();
