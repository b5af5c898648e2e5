using BenchmarkDotNet.Attributes;
using CredentialLedger.Evm;
using CredentialLedger.Evm.Crypto;
using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto.EC;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using BcBigInteger = Org.BouncyCastle.Math.BigInteger;

namespace CredentialLedger.Benchmarks;

/// <summary>
/// Sign and recover, against BouncyCastle's stock ECDSA (RFC 6979 signer, and verify, which costs about what
/// recovery does) on the same curve parameters.
/// </summary>
public class Secp256k1Benchmarks
{
    private readonly PrivateKey _key = PrivateKey.Parse("0x4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318");
    private readonly Hash32 _hash = Keccak256.HashUtf8("benchmark message");
    private readonly byte[] _hashBytes;
    private readonly Signature _signature;
    private readonly ECDsaSigner _stockSigner = new(new HMacDsaKCalculator(new Sha256Digest()));
    private readonly ECDsaSigner _stockVerifier = new();
    private readonly BcBigInteger[] _stockSignature;

    public Secp256k1Benchmarks()
    {
        _hashBytes = _hash.ToArray();
        _signature = _key.Sign(_hash);
        var curve = CustomNamedCurves.GetByName("secp256k1");
        var domain = new ECDomainParameters(curve);
        var keyBytes = _key.ExportBytes();
        var d = new BcBigInteger(1, keyBytes);
        _stockSigner.Init(true, new ECPrivateKeyParameters(d, domain));
        _stockVerifier.Init(false, new ECPublicKeyParameters(curve.Curve.DecodePoint(_key.PublicKey.ToUncompressed()), domain));
        _stockSignature = _stockSigner.GenerateSignature(_hashBytes);
    }

    [Benchmark(Baseline = true)]
    public BcBigInteger[] Sign_bouncycastle_stock() => _stockSigner.GenerateSignature(_hashBytes);

    [Benchmark]
    public Signature Sign_recoverable_low_s() => _key.Sign(_hash);

    [Benchmark]
    public bool Verify_bouncycastle_stock() => _stockVerifier.VerifySignature(_hashBytes, _stockSignature[0], _stockSignature[1]);

    [Benchmark]
    public Address Recover_address() => Secp256k1.Recover(_hashBytes, _signature).Address;
}
