import Foundation

/// Where a site's article store lives: `store:` of feeds.yml, relative to the site folder.
enum SiteStore {
    static func path(_ configuration: SiteConfiguration, site: URL) -> String {
        configuration.store.hasPrefix("/") ? configuration.store
            : site.appendingPathComponent(configuration.store).path
    }
}
