/// The flat-file store: reference files, the review journal and the command-line operations on them.
public enum ClaimStoreInfo {
    public static let version = "0.1.0"
}
