// The sandbox broker's MSK IAM check: a SASL/OAUTHBEARER server callback handler that accepts the
// token aws-msk-iam-sasl-signer-js makes (a base64url SigV4 presigned GET of
// https://kafka.<region>.amazonaws.com/?Action=kafka-cluster:Connect) only when MSK would: the action,
// the host, the credential scope (service kafka-cluster, the broker's region), not expired, and a
// signature made with the secret key of the access key id the broker knows. Compiled at sandbox
// set-up (javac against .sandbox/kafka/libs) when a JDK is present; see sandbox/README.md.
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.UnsupportedCallbackException;
import javax.security.auth.login.AppConfigurationEntry;
import org.apache.kafka.common.security.auth.AuthenticateCallbackHandler;
import org.apache.kafka.common.security.oauthbearer.OAuthBearerExtensionsValidatorCallback;
import org.apache.kafka.common.security.oauthbearer.OAuthBearerToken;
import org.apache.kafka.common.security.oauthbearer.OAuthBearerValidatorCallback;

public class SlipwayMskIamValidator implements AuthenticateCallbackHandler {
  private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
  private String region;
  private String accessKeyId;
  private String secretAccessKey;

  @Override
  public void configure(Map<String, ?> configs, String saslMechanism, List<AppConfigurationEntry> jaasConfigEntries) {
    Map<String, ?> options = jaasConfigEntries.get(0).getOptions();
    region = (String) options.get("region");
    accessKeyId = (String) options.get("accessKeyId");
    secretAccessKey = (String) options.get("secretAccessKey");
    if (region == null || accessKeyId == null || secretAccessKey == null)
      throw new IllegalArgumentException("SlipwayMskIamValidator needs region, accessKeyId and secretAccessKey JAAS options");
  }

  @Override
  public void handle(Callback[] callbacks) throws UnsupportedCallbackException {
    for (Callback callback : callbacks) {
      if (callback instanceof OAuthBearerValidatorCallback) {
        OAuthBearerValidatorCallback validation = (OAuthBearerValidatorCallback) callback;
        String problem = problemWith(validation.tokenValue(), Instant.now());
        if (problem == null) validation.token(tokenOf(validation.tokenValue()));
        else validation.error("invalid_token", null, null);
        if (problem != null) System.err.println("[slipway-msk-iam] refused: " + problem);
      } else if (callback instanceof OAuthBearerExtensionsValidatorCallback) {
        OAuthBearerExtensionsValidatorCallback extensions = (OAuthBearerExtensionsValidatorCallback) callback;
        extensions.inputExtensions().map().keySet().forEach(extensions::valid);
      } else {
        throw new UnsupportedCallbackException(callback);
      }
    }
  }

  /** Why MSK would refuse the token, or null when it would accept it. */
  String problemWith(String token, Instant now) {
    String url;
    try {
      url = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return "not base64url";
    }
    String host = "kafka." + region + ".amazonaws.com";
    String prefix = "https://" + host + "/?";
    if (!url.startsWith(prefix)) return "not a presigned URL for " + host;
    Map<String, String> query = new TreeMap<>();
    for (String pair : url.substring(prefix.length()).split("&")) {
      int eq = pair.indexOf('=');
      if (eq < 0) return "malformed query";
      query.put(decode(pair.substring(0, eq)), decode(pair.substring(eq + 1)));
    }
    if (!"kafka-cluster:Connect".equals(query.get("Action"))) return "action is not kafka-cluster:Connect";
    if (!"AWS4-HMAC-SHA256".equals(query.get("X-Amz-Algorithm"))) return "not SigV4";
    if (!"host".equals(query.get("X-Amz-SignedHeaders"))) return "signed headers are not host";
    String date = query.get("X-Amz-Date");
    String credential = query.get("X-Amz-Credential");
    String signature = query.get("X-Amz-Signature");
    if (date == null || credential == null || signature == null || query.get("X-Amz-Expires") == null) return "incomplete signature";
    String[] scope = credential.split("/");
    if (scope.length != 5 || !scope[0].equals(accessKeyId)) return "unknown access key";
    if (!scope[1].equals(date.substring(0, 8)) || !scope[2].equals(region) || !scope[3].equals("kafka-cluster") || !scope[4].equals("aws4_request"))
      return "credential scope is not " + region + "/kafka-cluster";
    Instant signedAt = Instant.from(AMZ_DATE.parse(date));
    if (now.isAfter(signedAt.plusSeconds(Long.parseLong(query.get("X-Amz-Expires"))))) return "expired";
    if (signedAt.isAfter(now.plusSeconds(300))) return "signed in the future";

    StringBuilder canonicalQuery = new StringBuilder();
    for (Map.Entry<String, String> e : query.entrySet()) {
      // The signer adds User-Agent after signing, as MSK's own signers do.
      if (e.getKey().equals("X-Amz-Signature") || e.getKey().equals("User-Agent")) continue;
      if (canonicalQuery.length() > 0) canonicalQuery.append('&');
      canonicalQuery.append(encode(e.getKey())).append('=').append(encode(e.getValue()));
    }
    String canonicalRequest = "GET\n/\n" + canonicalQuery + "\nhost:" + host + "\n\nhost\n" + hex(sha256(""));
    String stringToSign = "AWS4-HMAC-SHA256\n" + date + "\n" + String.join("/", scope[1], scope[2], scope[3], scope[4]) + "\n" + hex(sha256(canonicalRequest));
    byte[] key = hmac(("AWS4" + secretAccessKey).getBytes(StandardCharsets.UTF_8), scope[1]);
    key = hmac(key, scope[2]);
    key = hmac(key, scope[3]);
    key = hmac(key, "aws4_request");
    String expected = hex(hmac(key, stringToSign));
    if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), signature.getBytes(StandardCharsets.UTF_8))) return "signature does not match";
    return null;
  }

  private OAuthBearerToken tokenOf(String value) {
    long now = System.currentTimeMillis();
    return new OAuthBearerToken() {
      public String value() { return value; }
      public Set<String> scope() { return Set.of(); }
      public long lifetimeMs() { return now + 900_000L; }
      public String principalName() { return accessKeyId; }
      public Long startTimeMs() { return now; }
    };
  }

  private static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }

  /** SigV4's URI encoding: unreserved characters as they are, everything else %XX. */
  private static String encode(String s) {
    StringBuilder out = new StringBuilder();
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.' || c == '~') out.append(c);
      else out.append(String.format("%%%02X", b & 0xff));
    }
    return out.toString();
  }

  private static byte[] sha256(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] hmac(byte[] key, String data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static String hex(byte[] bytes) {
    StringBuilder out = new StringBuilder();
    for (byte b : bytes) out.append(String.format("%02x", b));
    return out.toString();
  }

  @Override
  public void close() {}

  /** `java SlipwayMskIamValidator <region> <accessKeyId> <secret> <token>`: prints ok or the problem (for tests). */
  public static void main(String[] args) {
    SlipwayMskIamValidator v = new SlipwayMskIamValidator();
    v.region = args[0];
    v.accessKeyId = args[1];
    v.secretAccessKey = args[2];
    String problem = v.problemWith(args[3], Instant.now());
    System.out.println(problem == null ? "ok" : problem);
  }
}
