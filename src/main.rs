fn main() {
    std::process::exit(vd_audit::cli::main());
}
