/// The toolkit's version, recorded in every output file.
public enum ToolkitVersion {
    public static let string = "0.1.0"
}
