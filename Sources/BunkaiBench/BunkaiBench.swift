/// Benchmarks and seeders for `bunkai bench-*` and `bunkai seed`, outside the product library: the
/// server library does not ship them. They reach into the server through its package-level
/// (`package`) models and services.
public enum BunkaiBench {}
