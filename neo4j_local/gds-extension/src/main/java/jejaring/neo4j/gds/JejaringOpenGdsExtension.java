package jejaring.neo4j.gds;

import java.util.Optional;

import org.neo4j.configuration.Config;
import org.neo4j.gds.LicensingBusinessFacade;
import org.neo4j.gds.OpenGdsLicensingServiceBuilder;
import org.neo4j.gds.SysInfoProcFacade;
import org.neo4j.gds.applications.modelcatalog.ModelRepository;
import org.neo4j.gds.applications.operations.FeatureTogglesRepository;
import org.neo4j.gds.core.model.ModelCatalog;
import org.neo4j.gds.core.model.OpenModelCatalogProvider;
import org.neo4j.gds.core.write.NativeExportBuildersProvider;
import org.neo4j.gds.logging.Log;
import org.neo4j.gds.metrics.Metrics;
import org.neo4j.gds.procedures.ExporterBuildersProviderService;
import org.neo4j.gds.procedures.integration.DefaultExportLocation;
import org.neo4j.gds.procedures.integration.LogAccessor;
import org.neo4j.gds.procedures.integration.OpenGraphDataScienceExtensionBuilder;
import org.neo4j.kernel.api.procedure.GlobalProcedures;
import org.neo4j.kernel.extension.ExtensionFactory;
import org.neo4j.kernel.extension.context.ExtensionContext;
import org.neo4j.kernel.lifecycle.Lifecycle;
import org.neo4j.logging.internal.LogService;

/**
 * Makes the open-source Graph Data Science procedures usable in Jejaring's
 * local Neo4j server.
 *
 * <p>Each GDS procedure asks Neo4j to inject a {@code GraphDataScienceProcedures}
 * facade, and {@code gds.license.state()} a {@code SysInfoProcFacade}. This
 * extension registers both at server start, choosing what the open-source
 * edition offers: writes go straight to the database, metrics are off, trained
 * models live in memory only and cannot be stored on disk, and the licence
 * state reports the open (unlicensed) edition.
 */
public final class JejaringOpenGdsExtension
        extends ExtensionFactory<JejaringOpenGdsExtension.Dependencies> {

    /** The server services this extension needs; Neo4j supplies them. */
    public interface Dependencies {
        Config config();

        GlobalProcedures globalProcedures();

        LogService logService();
    }

    public JejaringOpenGdsExtension() {
        super("jejaring.gds.open");
    }

    @Override
    public Lifecycle newInstance(ExtensionContext context, Dependencies dependencies) {
        Log log = new LogAccessor().getLog(dependencies.logService(), JejaringOpenGdsExtension.class);
        Config config = dependencies.config();
        registerLicenceState(dependencies.globalProcedures(), config);
        var built = OpenGraphDataScienceExtensionBuilder.create(
                log,
                dependencies.globalProcedures(),
                config,
                nativeWrites(),
                new DefaultExportLocation(log, config),
                new FeatureTogglesRepository(),
                Metrics.DISABLED,
                inMemoryModels(),
                noModelStorage(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty());
        return built.getLeft().build();
    }

    /** Lets gds.license.state() answer, with the open-source licensing service. */
    private static void registerLicenceState(GlobalProcedures procedures, Config config) {
        var licensing = new LicensingBusinessFacade(new OpenGdsLicensingServiceBuilder().build(config));
        procedures.registerComponent(
                SysInfoProcFacade.class, context -> new SysInfoProcFacade(licensing), true);
    }

    /** Results are written with Neo4j's own transactions, for every database. */
    private static ExporterBuildersProviderService nativeWrites() {
        return (database, configuration) -> new NativeExportBuildersProvider();
    }

    /** The shared in-memory model catalog of the open-source edition. */
    private static ModelCatalog inMemoryModels() {
        return new OpenModelCatalogProvider().setAndGet(null);
    }

    /** Storing trained models on disk is an Enterprise feature; say so plainly. */
    private static ModelRepository noModelStorage() {
        return model -> {
            throw new UnsupportedOperationException(
                    "Storing GDS models on disk is not available in the open-source edition");
        };
    }
}
