public enum PodRouteCoreVersion { public static let string = "0.1.0" }
