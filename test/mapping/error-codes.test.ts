import { describe, expect, it } from "vitest";
import { AFTER_AUTHORIZATION, AUTHENTICATION_ERRORS, AUTHORIZATION_ERRORS, BEFORE_AUTHORIZATION, failureText, outcomeOf } from "../../src/mapping/error-codes.js";

describe("outcomeOf", () => {
  it("treats calls without an error, or with an error only returned after authorization, as authorized", () => {
    expect(outcomeOf(null)).toBe("authorized");
    expect(outcomeOf("")).toBe("authorized");
    for (const code of ["NoSuchKey", "ConditionalCheckFailedException", "ResourceNotFoundException", "ParameterNotFound", "TransactionCanceledException"]) {
      expect(outcomeOf(code), code).toBe("authorized");
    }
  });

  it("recognizes each service's authorization failure", () => {
    for (const code of ["AccessDenied", "AccessDeniedException", "UnauthorizedOperation", "Client.UnauthorizedOperation", "UnauthorizedAccess", "AuthorizationError", "Forbidden"]) {
      expect(outcomeOf(code), code).toBe("denied");
    }
  });

  it("sets apart calls that failed authentication", () => {
    expect(outcomeOf("ExpiredToken")).toBe("unauthenticated");
    expect(outcomeOf("InvalidClientTokenId")).toBe("unauthenticated");
  });

  it("calls anything else unproven: validation errors, NoSuchBucket, throttling, codes it does not know", () => {
    for (const code of ["ValidationException", "InvalidParameterValue", "NoSuchBucket", "ClientException", "ThrottlingException", "SomethingNew"]) {
      expect(outcomeOf(code), code).toBe("unproven");
      // Unless the user asks for failed calls to be granted.
      expect(outcomeOf(code, true), code).toBe("authorized");
    }
    expect(outcomeOf("AccessDenied", true)).toBe("denied");
    expect(failureText("ValidationException")).toBe("failed before authorization (ValidationException)");
    expect(failureText("ThrottlingException")).toMatch(/^failed \(ThrottlingException\), which does not show/);
  });

  it("keeps its tables apart, and gives each after-authorization code a source", () => {
    const tables = [new Set(Object.keys(AFTER_AUTHORIZATION)), BEFORE_AUTHORIZATION, AUTHORIZATION_ERRORS, AUTHENTICATION_ERRORS];
    tables.forEach((a, i) => tables.slice(i + 1).forEach((b) => expect([...a].filter((code) => b.has(code))).toEqual([])));
    for (const [code, source] of Object.entries(AFTER_AUTHORIZATION)) expect(source.length, code).toBeGreaterThan(20);
  });
});
