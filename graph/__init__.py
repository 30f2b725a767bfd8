"""The domain: schema, evidence locators, the GraphStore protocol and its backends."""
