package io.fleetjobs.app.security;

import com.nimbusds.jose.JWSAlgorithm;
import io.micronaut.context.annotation.Factory;
import io.micronaut.security.token.jwt.signature.SignatureGeneratorConfiguration;
import io.micronaut.security.token.jwt.signature.secret.SecretSignature;
import io.micronaut.security.token.jwt.signature.secret.SecretSignatureConfiguration;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.nio.file.Path;

/**
 * The key that signs the service's own sign-in tokens (HS256): {@code fleet.security.jwt-secret}, or one generated at
 * first start into {@code dataDir/jwt-secret}. Tokens of an OpenID Connect provider are checked against its own keys.
 */
@Factory
class JwtSigning {

  // typed as the interface: SecretSignature's own @EachBean(SecretSignatureConfiguration) would otherwise make this
  // bean exist only per configured secret, that is never, and tokens would go out unsigned
  @Singleton
  @Named("generator")
  SignatureGeneratorConfiguration signature(SecurityConfig config) {
    String secret = config.jwtSecret() != null ? config.jwtSecret() : SecretFiles.readOrCreate(Path.of(config.dataDir()).resolve("jwt-secret"), 48);
    SecretSignatureConfiguration configuration = new SecretSignatureConfiguration("generator");
    configuration.setSecret(secret);
    configuration.setJwsAlgorithm(JWSAlgorithm.HS256);
    return new SecretSignature(configuration);
  }
}
