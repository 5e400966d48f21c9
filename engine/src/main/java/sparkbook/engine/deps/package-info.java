/**
 * Maven dependencies for a running notebook: coordinates resolved with their transitive dependencies in one pass
 * by Apache Maven Resolver, honouring the user's {@code ~/.m2/settings.xml} and local repository, with what the
 * kernel already ships left out. {@link sparkbook.engine.deps.DependencyResolver} is the entry point.
 */
package sparkbook.engine.deps;
