import pulumi

pulumi.export("greeting", "hello from python")
