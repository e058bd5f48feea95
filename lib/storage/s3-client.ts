// Builds an S3 client from the app settings: region, profile (standard credential chain), custom endpoint.
import http from "node:http";
import https from "node:https";
import { S3Client, type S3ClientConfig } from "@aws-sdk/client-s3";
import { env } from "../env";

export type S3ClientSettings = {
  region?: string;
  /** Shared-config profile; undefined means the standard chain (env vars, default profile, instance role); omitted means env(). */
  profile?: string;
  /** Custom endpoint (AWS_ENDPOINT_URL_S3 or AWS_ENDPOINT_URL by default); implies path-style addressing. */
  endpoint?: string;
  credentials?: S3ClientConfig["credentials"];
  maxAttempts?: number;
  /** Sockets kept open per host; should be at least the sync concurrency. */
  maxSockets?: number;
};

export function createS3Client(settings: S3ClientSettings = {}): S3Client {
  // Settings given explicitly never touch env(), so tests can build clients before they set the environment.
  const aws = () => env().aws;
  const endpoint = settings.endpoint ?? aws().endpoints.s3;
  const profile = "profile" in settings ? settings.profile : aws().profile;
  const maxSockets = settings.maxSockets ?? 64;
  const config: S3ClientConfig = {
    region: settings.region ?? aws().region,
    maxAttempts: settings.maxAttempts ?? 3,
    // Reuses the resolved middleware chain per command type: a large share of the SDK's CPU per small request.
    cacheMiddleware: true,
    requestHandler: {
      httpAgent: new http.Agent({ keepAlive: true, maxSockets }),
      httpsAgent: new https.Agent({ keepAlive: true, maxSockets }),
      connectionTimeout: 5_000,
    },
  };
  if (profile) config.profile = profile;
  if (settings.credentials) config.credentials = settings.credentials;
  if (endpoint) {
    config.endpoint = endpoint;
    config.forcePathStyle = true;
    // S3-compatible servers mishandle the SDK's default aws-chunked checksum framing (objects stored corrupted).
    config.requestChecksumCalculation = "WHEN_REQUIRED";
    config.responseChecksumValidation = "WHEN_REQUIRED";
  }
  return new S3Client(config);
}
